using System.Management.Automation;
using System.Text.Json.Nodes;
using ZohoPortal.Core.Tests;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>The user-type cmdlets as a user types them, against the in-process emulator.</summary>
public sealed class UserTypeCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    /// <summary>
    /// The request and response bodies of one call, read from the Debug stream (which shows what
    /// the core really sent and got, with secrets masked).
    /// </summary>
    private static (JsonNode? Request, JsonNode? Response) Wire(ScriptResult result, string method, string pathEnd)
    {
        for (var i = 0; i < result.Debug.Count; i++)
        {
            var line = result.Debug[i];
            if (!line.StartsWith("Request " + method + " ", StringComparison.Ordinal)) continue;
            var url = line.Split('\n')[0];
            if (!url.Split('?')[0].TrimEnd().EndsWith(pathEnd, StringComparison.Ordinal)) continue;
            var request = After(line, "Request body: ");
            var response = result.Debug.Skip(i + 1).First(l => l.StartsWith("Response ", StringComparison.Ordinal));
            return (request == null ? null : JsonNode.Parse(request), JsonNode.Parse(After(response, "Response body: ")!));
        }
        throw new Xunit.Sdk.XunitException("No " + method + " *" + pathEnd + " in the Debug stream:\n" + string.Join("\n", result.Debug));
    }

    private static string? After(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : text.Substring(at + marker.Length).Trim();
    }

    /// <summary>
    /// The answer's shape for comparison. The core's trace redactor masks every JSON "code" value
    /// (it takes it for an OAuth grant code), so the Debug stream shows "***" there; the code
    /// itself is checked exactly by the core tests, and here it is left out of the comparison.
    /// </summary>
    private static JsonNode Shape(JsonNode? node)
    {
        var shape = Seed002.Shape(node!.ToJsonString());
        foreach (var item in shape["user_type"]!.AsArray()) item!.AsObject().Remove("code");
        return shape;
    }

    private int RequestCount() => (int)_ps.RunClean("$c.Emulator.RequestLog.Count")[0].BaseObject;

    private int CountOf(string method, string path) =>
        (int)_ps.RunClean("$c.Emulator.RequestLog.CountOf('" + method + "', '" + path + "')")[0].BaseObject;

    [Fact]
    public void Seed002_CreateUpdateDelete_AsAUserTypesIt()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru");

        var create = _ps.Run("""
            $DebugPreference = 'Continue'
            $customer = New-PortalUserTypeModule -Module 1306462000000000125 -SharedType Private -Permission View -Layout 1306462000000095055 -View 1306462000000091501 -Field 18936550000000063924
            $notes = New-PortalUserTypeModule -Module 1306462000000000147 -SharedType Private -Permission View
            $created = New-PortalUserType -Name Customer -PersonalityModule Customer -Module $customer, $notes -Active $true
            $created
            """);
        Assert.Empty(create.Errors);
        var (sent, answered) = Wire(create, "POST", "/user_type");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Seed002.CreateInput), sent), "Sent: " + sent?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Shape(JsonNode.Parse(Seed002.CreateResponse)), Shape(answered)), "Answered: " + answered?.ToJsonString());
        var created = Assert.Single(create.Output);
        Assert.Equal("ZohoPortal.Core.Models.PortalUserType", created.BaseObject.GetType().FullName);
        Assert.Equal("Customer", created.Properties["Name"].Value);
        Assert.Equal(true, created.Properties["Active"].Value);
        Assert.Equal("ZylkerAutos", created.Properties["PortalName"].Value);
        Assert.Equal((string)answered!["user_type"]![0]!["details"]!["id"]!, created.Properties["Id"].Value);

        var update = _ps.Run("""
            $DebugPreference = 'Continue'
            Set-PortalUserType -Identity Customer -Module (New-PortalUserTypeModule -Module 1306462000000000125 -SharedType Private -Permission Edit, Create)
            """);
        Assert.Empty(update.Errors);
        Assert.Empty(update.Output); // silent without -PassThru
        (sent, answered) = Wire(update, "PUT", "/user_type/" + created.Properties["Id"].Value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Seed002.UpdateInput), sent), "Sent: " + sent?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Shape(JsonNode.Parse(Seed002.UpdateResponse)), Shape(answered)), "Answered: " + answered?.ToJsonString());
        var permissions = _ps.RunClean("(Get-PortalUserType -Id $created.Id).Modules | Where-Object ApiName -eq Customer | ForEach-Object { $_.Permissions.ToString() }");
        Assert.Equal("View, Edit, -EditSharedRecords, Create, -Delete", Assert.Single(permissions).BaseObject);

        var delete = _ps.Run("""
            $DebugPreference = 'Continue'
            $created | Remove-PortalUserType -Force
            """);
        Assert.Empty(delete.Errors);
        Assert.Empty(delete.Output);
        (_, answered) = Wire(delete, "DELETE", "/user_type/" + created.Properties["Id"].Value);
        Assert.True(JsonNode.DeepEquals(Shape(JsonNode.Parse(Seed002.DeleteResponse)), Shape(answered)), "Answered: " + answered?.ToJsonString());
        Assert.Equal(2, (int)_ps.RunClean("$c.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void NewPortalUserType_ByNames_ResolvesThroughPortalMeta()
    {
        var output = _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $customer = New-PortalUserTypeModule -Module Customer -Permission View -Layout Standard -View 'All Customers' -Field Service_Date
            $notes = New-PortalUserTypeModule -Module Notes -Permission View
            $services = Get-PortalModuleMeta Customer -RelatedModule Services | New-PortalUserTypeModule -Permission View, Create -Layout 'Test Drive' -View 'Upcoming Services' -Filter Customer -ReadOnlyField Status
            $t = $customer, $notes, $services | New-PortalUserType -Name Customer -PersonalityModule Customer -Active $true
            $s = $t.Modules | Where-Object ApiName -eq Services
            $t.GetType().FullName
            $s.Layouts[0].Name
            $s.Filters[0].ApiName
            $s.Fields[0].ReadOnly
            """);
        Assert.Equal(new object[] { "ZohoPortal.Core.Models.PortalUserType", "Test Drive", "Customer", true }, output.Select(o => o.BaseObject));
        Assert.Equal(2, CountOf("GET", "/settings/portals/meta")); // one for Get-PortalModuleMeta, one to resolve the names
        Assert.Equal(1, CountOf("POST", "/user_type"));
    }

    [Fact]
    public void NewPortalUserType_SixthType_FailsWithLicenseLimitExceeded()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $contacts = New-PortalUserTypeModule Contacts -Permission View -Layout Standard -View 'All Contacts'
            $notes = New-PortalUserTypeModule Notes -Permission View
            foreach ($n in 'Third', 'Fourth', 'Fifth', 'Sixth') { New-PortalUserType -Name $n -Module $contacts, $notes }
            """);
        Assert.Equal(3, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("LICENSE_LIMIT_EXCEEDED", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.Contains("License limit exceeded.", error.ErrorDetails.Message);
        Assert.Contains("5 user types", error.ErrorDetails.RecommendedAction);
        Assert.Equal(5, (int)_ps.RunClean("$c.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void NewPortalUserType_WithoutNotes_ShowsTheServersJsonPath()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            New-PortalUserType -Name Dealers -Module (New-PortalUserTypeModule Contacts -Permission View -Layout Standard -View 'All Contacts')
            """);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("MANDATORY_NOT_FOUND", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Personality module and Notes module are mandatory modules.", error.ErrorDetails.Message);
        Assert.Contains("json_path=$.user_type[0].modules", error.ErrorDetails.Message);
        Assert.Contains("Notes", error.ErrorDetails.RecommendedAction);
        Assert.Contains("json_path=$.user_type[0].modules", error.ToString());
    }

    [Fact]
    public void NewPortalUserType_BadName_FailsBeforeAnyRequest()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-PortalUserType; $c.Emulator.RequestLog.Clear()");
        var result = _ps.Run("New-PortalUserType -Name 'Bad/Name' -Module (New-PortalUserTypeModule Notes -Permission View)");
        var error = Assert.Single(result.Errors);
        Assert.Equal("UserTypeNamePattern,ZohoPortal.Cmdlets.UserTypes.NewPortalUserTypeCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(0, RequestCount());
    }

    [Fact]
    public void RemovePortalUserType_WithUsersAndNoTransfer_SendsOneRequestAndExplains()
    {
        _ps.RunClean("$c = New-ZohoPortalEmulator -UsersPerUserType 3 | Connect-ZohoPortal -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear()");

        var byName = _ps.Run("Remove-PortalUserType -Identity Partners -Force");

        var error = Assert.Single(byName.Errors);
        Assert.Equal("UserTypeHasUsers", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("3 users", error.ErrorDetails.Message);
        Assert.Contains("-TransferUsersTo", error.ErrorDetails.Message);
        Assert.Contains("-TransferUsersTo", error.ErrorDetails.RecommendedAction);
        // The user-type listing that resolves the name, and the plan's one-user page for the count.
        Assert.Equal(2, RequestCount());
        Assert.Equal(0, CountOf("DELETE", "/user_type"));

        // A piped object carries a count that may be stale, so the plan reads it again: one GET, same error, no DELETE.
        _ps.RunClean("$p = Get-PortalUserType Partners; $c.Emulator.RequestLog.Clear()");
        var piped = _ps.Run("$p | Remove-PortalUserType -Force");
        error = Assert.Single(piped.Errors);
        Assert.Equal("UserTypeHasUsers", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("3 users", error.ErrorDetails.Message);
        Assert.Contains("-TransferUsersTo", error.ErrorDetails.Message);
        Assert.Equal(1, RequestCount());
        Assert.Equal(1, CountOf("GET", "/users"));
        Assert.Equal(2, (int)_ps.RunClean("$c.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void RemovePortalUserType_TransferUsersTo_MovesEveryoneIn200sThenDeletes()
    {
        _ps.RunClean("$c = New-ZohoPortalEmulator -UsersPerUserType 450 | Connect-ZohoPortal -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear()");

        var result = _ps.Run("Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Confirm:$false");

        Assert.Empty(result.Errors);
        Assert.Equal(3, CountOf("GET", "/users"));
        Assert.Equal(3, CountOf("POST", "/users/action/transfer"));
        Assert.Equal(1, CountOf("DELETE", "/user_type/"));
        Assert.Contains(result.Progress, p => p.StatusDescription == "400 of 450 users");
        var left = Assert.Single(_ps.RunClean("Get-PortalUserType"));
        Assert.Equal("Customers", left.Properties["Name"].Value);
        Assert.Equal(900, left.Properties["UserCount"].Value);
    }

    [Fact]
    public void RemovePortalUserType_SomeUsersCannotMove_ReportsEachAndKeepsTheType()
    {
        _ps.RunClean("""
            $c = New-ZohoPortalEmulator -UsersPerUserType 5 | Connect-ZohoPortal -MaxRetries 0 -PassThru; $null = Get-Portal
            $null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.FaultKind]::TooManyRequests, 1, '/users/action/transfer')
            $c.Emulator.RequestLog.Clear()
            """);

        var result = _ps.Run("Remove-PortalUserType Partners -TransferUsersTo Customers -Force");

        Assert.Equal(6, result.Errors.Count);
        Assert.All(result.Errors.Take(5), e =>
        {
            Assert.Equal("TOO_MANY_REQUESTS", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("ZohoPortal.Core.Models.PortalUser", e.TargetObject.GetType().FullName);
        });
        Assert.Equal("UserTypeNotEmptied", result.Errors[5].FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, CountOf("DELETE", "/user_type/"));
        Assert.Equal(2, (int)_ps.RunClean("$c.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void WhatIf_ChangesNothing_AndRefusesWhatTheRealRunRefuses()
    {
        _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $null = Get-PortalUserType
            $contacts = New-PortalUserTypeModule Contacts -Permission View -Layout Standard -View 'All Contacts'
            $notes = New-PortalUserTypeModule Notes -Permission View
            $c.Emulator.RequestLog.Clear()
            """);

        var result = _ps.Run("""
            New-PortalUserType -Name Dealers -Module $contacts, $notes -WhatIf
            Set-PortalUserType -Identity Partners -NewName Resellers -Active $false -WhatIf
            Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -WhatIf
            Get-PortalUserType -Name Partners | Remove-PortalUserType -WhatIf
            """);

        // -WhatIf refuses what the real run refuses: Partners has users and no -TransferUsersTo was given.
        var refused = Assert.Single(result.Errors);
        Assert.Equal("UserTypeHasUsers", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(result.Output);
        // Reads only (the meta behind the names, the users to move, the count): nothing that changes anything.
        Assert.Equal(0, (int)_ps.RunClean("@($c.Emulator.RequestLog.Entries | Where-Object Method -ne 'GET').Count")[0].BaseObject);
        Assert.Equal(2, (int)_ps.RunClean("$c.Emulator.Org.UserTypeCount")[0].BaseObject);
        Assert.Equal("Partners", _ps.RunClean("(Get-PortalUserType -Name Partners).Name")[0].BaseObject);
    }

    [Fact]
    public void ShouldProcessText_NamesPortalObjectAndRequest()
    {
        _ps.RunClean("$c = New-ZohoPortalEmulator -UsersPerUserType 2 | Connect-ZohoPortal -PassThru; $id = (Get-PortalUserType Partners).Id");
        var id = (string)_ps.RunClean("$id")[0].BaseObject;
        var customers = (string)_ps.RunClean("(Get-PortalUserType Customers).Id")[0].BaseObject;
        // PowerShell writes ShouldProcess's text to the Verbose stream when the operation goes ahead.
        var result = _ps.Run("""
            Set-PortalUserType Partners -NewName Resellers -Verbose
            Remove-PortalUserType Resellers -TransferUsersTo Customers -Confirm:$false -Verbose
            """);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Contains("Rename to 'Resellers' (PUT /settings/portals/ZylkerAutos/user_type/" + id + ", 1 call)")
            && v.Contains("User type 'Partners' (" + id + ") in portal 'ZylkerAutos'"));
        Assert.Contains(result.Verbose, v => v.Contains("Move its 2 users to 'Customers' (POST /settings/portals/ZylkerAutos/user_type/" + id
            + "/users/action/transfer?transfer_To=" + customers + "&personality_ids=..., 1 call of at most 200 users), then delete (DELETE /settings/portals/ZylkerAutos/user_type/" + id + ")")
            && v.Contains("User type 'Resellers' (" + id + ") with 2 users in portal 'ZylkerAutos'"));
        Assert.Contains(result.Verbose, v => v.StartsWith("Moved 2 users from 'Resellers'"));
    }

    [Fact]
    public void SetPortalUserType_RenameActivatePassThru_FromThePipeline()
    {
        var output = _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            Get-PortalUserType -Name Partners | Set-PortalUserType -NewName 'Premium Partners' -Active $false -Force -PassThru
            """);
        var type = Assert.Single(output);
        Assert.Equal("Premium Partners", type.Properties["Name"].Value);
        Assert.Equal(false, type.Properties["Active"].Value);
        Assert.Equal(1, CountOf("PUT", "/user_type/"));
        // The completion cache follows the rename without another listing.
        Assert.Contains("Premium Partners", _ps.RunClean("$c.CachedUserTypes | ForEach-Object Name").Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void SetPortalUserType_RemoveModuleAndRevokePermission()
    {
        var output = _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $services = New-PortalUserTypeModule Services -Permission View, Create, Delete -Layout Standard -View 'All Services'
            Set-PortalUserType Customers -Module $services
            Set-PortalUserType Customers -Module (New-PortalUserTypeModule Services -RevokePermission Delete) -PassThru | ForEach-Object { ($_.Modules | Where-Object ApiName -eq Services).Permissions.ToString() }
            Set-PortalUserType Customers -RemoveModule Services -PassThru | ForEach-Object { @($_.Modules).Count }
            """);
        Assert.Equal("View, -Edit, -EditSharedRecords, Create, -Delete", output[0].BaseObject);
        Assert.Equal(2, output[1].BaseObject);
    }

    [Fact]
    public void SetPortalUserType_NothingToChange_FailsBeforeAnyRequest()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-PortalUserType; $c.Emulator.RequestLog.Clear()");
        var error = Assert.Single(_ps.Run("Set-PortalUserType Partners").Errors);
        Assert.Equal("NothingToUpdate", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, RequestCount());
    }

    [Fact]
    public void SetPortalUserType_PersonalityOfDefaultType_KeepsZohosCode()
    {
        var result = _ps.Run("$c = Connect-ZohoPortal -Emulator -PassThru; Set-PortalUserType Customers -PersonalityModule Customer");
        var error = Assert.Single(result.Errors);
        Assert.Equal("NOT_ALLOWED", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("json_path=$.user_type[0].personality_module", error.ErrorDetails.Message);
    }

    [Fact]
    public void GetPortalUserType_NamesWildcardsIdsAndModules()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru");

        Assert.Equal(2, _ps.RunClean("Get-PortalUserType").Count);
        Assert.Equal("Partners", _ps.RunClean("Get-PortalUserType -Name part*").Single().Properties["Name"].Value);
        Assert.Empty(_ps.RunClean("Get-PortalUserType -Name Nothing*"));
        Assert.Equal(true, _ps.RunClean("$null -eq (Get-PortalUserType -Name Partners).Modules")[0].BaseObject);
        Assert.Equal(4, _ps.RunClean("Get-PortalUserType -IncludeModules | ForEach-Object Modules").Count);

        var missing = _ps.Run("Get-PortalUserType -Name Partners, Suppliers");
        Assert.Single(missing.Output);
        var error = Assert.Single(missing.Errors);
        Assert.Equal("UserTypeNotFound,ZohoPortal.Cmdlets.UserTypes.GetPortalUserTypeCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);

        var byId = _ps.Run("Get-PortalUserType -Id (Get-PortalUserType Partners).Id, 1306462000099999999");
        Assert.Equal("Partners", Assert.Single(byId.Output).Properties["Name"].Value);
        Assert.NotEmpty((System.Collections.ICollection)byId.Output[0].Properties["Modules"].Value);
        error = Assert.Single(byId.Errors);
        Assert.Equal("UserTypeNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("1306462000099999999", error.TargetObject);
    }

    [Fact]
    public void UserTypeObject_BindsToUserTypeIdentityAndPortalName()
    {
        // The shape Get-PortalUser will have: -UserType [UserTypeIdentity] from the pipeline, -Portal bound by PortalName.
        var output = _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            function Test-Bind {
                param(
                    [Parameter(Mandatory, ValueFromPipeline)][ZohoPortal.Infrastructure.UserTypeIdentity]$UserType,
                    [Parameter(ValueFromPipelineByPropertyName)][Alias('PortalName')][string]$Portal)
                process { '{0}|{1}|{2}|{3}' -f $UserType.Id, $UserType.Name, ($null -ne $UserType.UserType), $Portal }
            }
            Get-PortalUserType -Name Customers | Test-Bind
            """);
        var parts = ((string)Assert.Single(output).BaseObject).Split('|');
        Assert.Matches("^[0-9]{19}$", parts[0]);
        Assert.Equal(new[] { "Customers", "True", "ZylkerAutos" }, parts.Skip(1));
    }

    [Fact]
    public void GetPortalModuleMeta_FromAUserType_AndIntoTheBuilder()
    {
        var output = _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            Get-PortalUserType -Name Partners | Get-PortalModuleMeta | ForEach-Object ApiName
            """);
        Assert.Equal(new[] { "Contacts", "Cases", "Services", "Solutions", "Notes" }, output.Select(o => (string)o.BaseObject));
        Assert.Contains("module=Contacts", (string)_ps.RunClean("$c.Emulator.RequestLog.Entries[-1].Query")[0].BaseObject);

        var entry = _ps.RunClean("""
            $m = Get-PortalModuleMeta Contacts -RelatedModule Serv* | New-PortalUserTypeModule -Permission View -Layout 'test drive' -View 'All Services' -Filter 'Contact Name'
            $m.GetType().FullName; $m.Id; $m.SharedType; $m.Layouts[0].Id; $m.Views.Id; $m.Views.Type; $m.Filters[0].Id
            """).Select(o => o.BaseObject);
        Assert.Equal(new object[] { "ZohoPortal.Core.Models.UserTypeModule", "1306462000000000131", "private", "1306462000000095073", "1306462000000091521", "custom_view", "1306462000000095209" }, entry);

        var bad = _ps.Run("Get-PortalModuleMeta Contacts -RelatedModule Services | New-PortalUserTypeModule -Layout Fancy");
        var error = Assert.Single(bad.Errors);
        Assert.Equal("UnknownLayout", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Standard, Test Drive", error.Exception.Message);
    }

    [Fact]
    public void NewPortalUserTypeModule_BuildsEntriesWithoutAnyRequest()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $c.Emulator.RequestLog.Clear()");
        var entry = _ps.RunClean("""
            $m = New-PortalUserTypeModule Services -Permission View, Edit -RevokePermission Delete -Layout Standard -View 1306462000000091523 -Field Service_Name -ReadOnlyField 1306462000000095205 -RemoveField Status
            $m.ApiName; $null -eq $m.Id; $m.Permissions.ToString(); $m.Layouts[0].Name; $m.Views.Type; ($m.Fields | ForEach-Object { $_.ToString() }) -join '|'
            """).Select(o => o.BaseObject);
        Assert.Equal(new object[] { "Services", true, "View, Edit, -Delete", "Standard", "custom_view", "Service_Name|1306462000000095205 (read-only)|Status (remove)" }, entry);
        Assert.Equal(0, RequestCount());

        var error = Assert.Single(_ps.Run("New-PortalUserTypeModule Notes -RevokePermission View").Errors);
        Assert.Equal("ViewPermissionRequired", error.FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void TabCompletion_OffersCachedNames_WithoutCallingZoho()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-PortalUserType; $c.Emulator.RequestLog.Clear()");

        foreach (var line in new[] { "Remove-PortalUserType -Identity Pa", "Set-PortalUserType Pa", "Get-PortalUserType -Name Pa", "Remove-PortalUserType X -TransferUsersTo Pa",
            "Get-PortalUser -UserType Pa", "Move-PortalUser -Destination Pa", "Remove-PortalUser -Id 1 -UserType Pa",
            "Disable-PortalUser -Id 1 -UserType Pa", "Send-PortalInvite -RecordId 1 -UserType Pa" })
        {
            var matches = _ps.RunClean("[System.Management.Automation.CommandCompletion]::CompleteInput('" + line + "', " + line.Length + ", $null).CompletionMatches | ForEach-Object CompletionText");
            Assert.Equal("Partners", Assert.Single(matches).BaseObject);
        }
        Assert.Equal(0, RequestCount());
    }

    [Fact]
    public void TabCompletion_QuotesNamesWithSpaces()
    {
        _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            Set-PortalUserType Partners -NewName 'Premium Partners'
            """);
        var matches = _ps.RunClean("[System.Management.Automation.CommandCompletion]::CompleteInput('Remove-PortalUserType Prem', 26, $null).CompletionMatches | ForEach-Object CompletionText");
        Assert.Equal("'Premium Partners'", Assert.Single(matches).BaseObject);
    }
}
