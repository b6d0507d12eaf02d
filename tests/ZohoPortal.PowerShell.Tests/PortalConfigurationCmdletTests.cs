using System.Management.Automation;
using System.Text.Json.Nodes;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>Export-, Compare- and Import-PortalConfiguration as a user types them, in a hosted engine against two emulated orgs.</summary>
public sealed class PortalConfigurationCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("zp-config-").FullName;

    public PortalConfigurationCmdletTests()
    {
        _ps.RunClean(@"
            $a = New-ZohoPortalEmulator -UsersPerUserType 5 | Connect-ZohoPortal -PassThru
            $b = New-ZohoPortalEmulator -NoCustomUserTypes -IdPrefix 2206319 -UsersPerUserType 0 | Connect-ZohoPortal -PassThru");
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string File(string name) => Path.Combine(_dir, name);

    private List<string> Changes(string connection) => _ps.RunClean("$" + connection + ".Emulator.RequestLog.Entries | Where-Object Method -ne GET | ForEach-Object { $_.Method + ' ' + $_.Path }")
        .Select(o => o.ToString()).ToList();

    private static string WithoutIds(string text)
    {
        var node = JsonNode.Parse(text)!;
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o) { o.Remove("id"); foreach (var p in o.ToList()) Strip(p.Value); }
            else if (n is JsonArray a) foreach (var i in a) Strip(i);
        }
        Strip(node);
        return node.ToJsonString();
    }

    /// <summary>The exported file of org A with one edit applied to its JSON.</summary>
    private string EditedExport(string name, Action<JsonObject> edit)
    {
        _ps.RunClean("Export-PortalConfiguration -Path '" + File("a.json") + "' -Connection $a");
        var root = JsonNode.Parse(System.IO.File.ReadAllText(File("a.json")))!.AsObject();
        edit(root);
        System.IO.File.WriteAllText(File(name), root.ToJsonString());
        return File(name);
    }

    private static JsonObject TypeNamed(JsonObject root, string name) =>
        root["userTypes"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    [Fact]
    public void ExportImportExport_BetweenTwoOrgs_GivesEqualFilesApartFromIds()
    {
        _ps.RunClean("Export-PortalConfiguration -Path '" + File("a.json") + "' -Connection $a");
        var results = _ps.RunClean("Import-PortalConfiguration -Path '" + File("a.json") + "' -Connection $b");
        Assert.Equal(new[] { "Create Partners Succeeded", "Unchanged Customers Unchanged" },
            results.Select(r => r.Properties["Action"].Value + " " + r.Properties["UserTypeName"].Value + " " + r.Properties["Outcome"].Value));
        _ps.RunClean("Export-PortalConfiguration '" + File("b.json") + "' -Connection $b");

        var a = System.IO.File.ReadAllText(File("a.json"));
        var b = System.IO.File.ReadAllText(File("b.json"));
        Assert.NotEqual(a, b);
        Assert.Equal(WithoutIds(a), WithoutIds(b));
    }

    [Fact]
    public void ExportWithoutPath_WritesTheObject_WhichImportTakesFromThePipeline()
    {
        var results = _ps.RunClean("Export-PortalConfiguration -Connection $a | Import-PortalConfiguration -Connection $b");
        Assert.Contains(results, r => (string)r.Properties["UserTypeName"].Value == "Partners" && r.Properties["Outcome"].Value.ToString() == "Succeeded");
        Assert.Equal(2, (int)_ps.RunClean("$b.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void PipedConfiguration_AppliesToTheTargetsPortal_WhateverTheSourcePortalIsCalled()
    {
        _ps.RunClean("$c = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru; $null = New-Portal -Name NorthwindParts -Connection $c");
        var results = _ps.RunClean("Export-PortalConfiguration -Connection $a | Import-PortalConfiguration -Connection $c");
        Assert.All(results, r => Assert.Equal("NorthwindParts", r.Properties["PortalName"].Value));
        Assert.Contains(results, r => (string)r.Properties["UserTypeName"].Value == "Partners" && r.Properties["Outcome"].Value.ToString() == "Succeeded");
        Assert.Equal("ZylkerAutos", _ps.RunClean("(Export-PortalConfiguration -Connection $a).Portal")[0].ToString());
        Assert.Equal("NorthwindParts", _ps.RunClean("(Get-Portal -Connection $c | Export-PortalConfiguration).Portal")[0].ToString());
    }

    [Fact]
    public void NoClobber_RefusesAnExistingFile()
    {
        System.IO.File.WriteAllText(File("x.json"), "keep");
        var result = _ps.Run("Export-PortalConfiguration -Path '" + File("x.json") + "' -NoClobber -Connection $a");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfigurationFileExists", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("keep", System.IO.File.ReadAllText(File("x.json")));
    }

    [Fact]
    public void ImportWhatIf_SendsNoChange_AndWritesNothing()
    {
        _ps.RunClean("Export-PortalConfiguration -Path '" + File("a.json") + "' -Connection $a; $b.Emulator.RequestLog.Clear()");
        var result = _ps.Run("Import-PortalConfiguration -Path '" + File("a.json") + "' -Connection $b -WhatIf");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Empty(Changes("b"));
        Assert.Equal(1, (int)_ps.RunClean("$b.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void CompareWritesStepObjects_AndFilteredStepsPipedIntoImport_AreTheOnlyOnesApplied()
    {
        var path = EditedExport("edited.json", root =>
        {
            TypeNamed(root, "Customers")["modules"]!.AsArray().Single(m => (string?)m!["apiName"] == "Contacts")!["permissions"]!["create"] = true;
            root["userTypes"]!.AsArray().Remove(TypeNamed(root, "Partners"));
            root["removed"] = new JsonArray { new JsonObject { ["name"] = "Partners", ["transferTo"] = "Customers" } };
        });
        var steps = _ps.RunClean("Compare-PortalConfiguration '" + path + "' -Connection $a");
        Assert.Equal(new[] { "Update Customers", "Delete Partners" }, steps.Select(s => s.Properties["Action"].Value + " " + s.Properties["UserTypeName"].Value));

        _ps.RunClean("$a.Emulator.RequestLog.Clear()");
        var results = _ps.RunClean("Compare-PortalConfiguration '" + path + "' -Connection $a | Where-Object Action -ne Delete | Import-PortalConfiguration -Connection $a");
        Assert.Equal("Update Customers Succeeded", results.Select(r => r.Properties["Action"].Value + " " + r.Properties["UserTypeName"].Value + " " + r.Properties["Outcome"].Value).Single());
        Assert.Equal(new[] { "PUT /crm/v8/settings/portals/ZylkerAutos/user_type/" + _ps.RunClean("(Get-PortalUserType -Name Customers -Connection $a).Id")[0] }, Changes("a"));
        Assert.Equal(2, (int)_ps.RunClean("$a.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void Deletion_InAHostThatCannotPrompt_IsConfirmationNotPossible_AndNothingAtAllIsSent()
    {
        var path = EditedExport("edited.json", root =>
        {
            TypeNamed(root, "Customers")["active"] = false;
            root["userTypes"]!.AsArray().Remove(TypeNamed(root, "Partners"));
        });
        _ps.RunClean("$a.Emulator.RequestLog.Clear()");
        var result = _ps.Run("Import-PortalConfiguration '" + path + "' -TransferUsersTo Customers -Connection $a");
        Assert.Equal("ConfirmationNotPossible", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(Changes("a")); // not even the update, which needs no confirmation: questions come first

        var done = _ps.RunClean("Import-PortalConfiguration '" + path + "' -TransferUsersTo Customers -Connection $a -Confirm:$false");
        Assert.Equal(new[] { "Update Succeeded", "Delete Succeeded" }, done.Select(r => r.Properties["Action"].Value + " " + r.Properties["Outcome"].Value));
        Assert.Equal(5, (int)done[1].Properties["UsersMoved"].Value);
        Assert.Equal(1, (int)_ps.RunClean("$a.Emulator.Org.UserTypeCount")[0].BaseObject);
    }

    [Fact]
    public void FileNamingAModuleTheTargetLacks_IsRefusedBeforeAnyChange_WithOneErrorListingIt()
    {
        var path = EditedExport("bad.json", root =>
            TypeNamed(root, "Partners")["modules"]!.AsArray().Add(new JsonObject { ["apiName"] = "Invoices", ["permissions"] = new JsonObject { ["view"] = true } }));
        _ps.RunClean("$b.Emulator.RequestLog.Clear()");
        var result = _ps.Run("Import-PortalConfiguration '" + path + "' -Connection $b -Confirm:$false");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfigurationNamesNotInTarget", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("module Invoices", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Changes("b"));
    }

    [Fact]
    public void StepZohoRefuses_IsAFailedResultAndAnErrorWithZohosCode()
    {
        var path = EditedExport("refused.json", root =>
            TypeNamed(root, "Customers")["modules"]!.AsArray().Single(m => (string?)m!["apiName"] == "Contacts")!["fields"] =
                new JsonArray { new JsonObject { ["apiName"] = "Last_Name", ["readOnly"] = true } });
        var result = _ps.Run("Import-PortalConfiguration '" + path + "' -Connection $a -Confirm:$false");
        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_DATA", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("A mandatory field of the layout cannot be read only.", error.Exception.Message);
        Assert.Contains(result.Output, r => (string)r.Properties["UserTypeName"].Value == "Customers" && r.Properties["Outcome"].Value.ToString() == "Failed");
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 9, \"userTypes\": []}", "ConfigurationSchemaVersion")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [}", "ConfigurationMalformed")]
    public void UnreadableFile_IsRefusedWithItsErrorId_BeforeAnyRequest(string text, string errorId)
    {
        System.IO.File.WriteAllText(File("bad.json"), text);
        _ps.RunClean("$b.Emulator.RequestLog.Clear()");
        var error = Assert.Single(_ps.Run("Compare-PortalConfiguration '" + File("bad.json") + "' -Connection $b").Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(0, (int)_ps.RunClean("$b.Emulator.RequestLog.Count")[0].BaseObject);
    }

    [Fact]
    public void MissingFile_IsConfigurationFileNotFound()
    {
        var error = Assert.Single(_ps.Run("Import-PortalConfiguration '" + File("nope.json") + "' -Connection $b").Errors);
        Assert.Equal("ConfigurationFileNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }
}
