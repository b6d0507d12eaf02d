using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using Xunit;

namespace ZohoPortal.PowerShell.Tests;

public sealed class InvitationTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    [Fact]
    public void Send_250PipedContacts_Wait_ThreeBulkRequests_OneResultPerRecord_FailuresAreErrors()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $records = $c.Emulator.Org.GetRecords('Contacts')
            $c.Emulator.RequestLog.Clear()
            $global:results = $records | Send-PortalInvite -UserType Customers -Wait -Force
            $records.Count
            $c.Emulator.RequestLog.CountOf('POST', '/Contacts/actions/portal_invite')
            """);
        Assert.Equal(250, (int)result.Output[0].BaseObject);
        Assert.Equal(3, (int)result.Output[1].BaseObject);

        var results = _ps.RunClean("$results");
        Assert.Equal(250, results.Count);
        Assert.All(results, r => Assert.Equal("ZohoPortal.Core.Models.PortalInviteResult", r.BaseObject.GetType().FullName));
        var records = _ps.RunClean("(Get-ZohoPortalConnection).Emulator.Org.GetRecords('Contacts') | ForEach-Object Id").Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(records, results.Select(r => Prop(r, "RecordId")));
        var codes = results.GroupBy(r => Prop(r, "Code")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(192, codes["SUCCESS"]);
        Assert.Equal(8, codes["INVALID_DATA"]);      // contacts without email
        Assert.Equal(50, codes["CANNOT_PROCESS"]);   // already portal users
        Assert.Equal(3, codes.Count);

        Assert.Equal(58, result.Errors.Count);
        Assert.Equal(8, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("INVALID_DATA,")));
        Assert.Equal(50, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("CANNOT_PROCESS,")));
        var failedIds = results.Where(r => Prop(r, "Status") == "error").Select(r => Prop(r, "RecordId")).ToHashSet();
        Assert.Equal(failedIds, result.Errors.Select(e => (string)e.TargetObject).ToHashSet());
        var noEmail = result.Errors.First(e => e.FullyQualifiedErrorId.StartsWith("INVALID_DATA,"));
        Assert.Equal(ErrorCategory.InvalidData, noEmail.CategoryInfo.Category);
        Assert.Contains("does not have email id", noEmail.ErrorDetails.Message);
    }

    [Fact]
    public void Send_OneRecord_UsesSingleInvite_ThenCannotProcess_ThenReinvite()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $global:rec = $c.Emulator.Org.AddRecord('Ada Lovelace', 'ada@example.com'); $c.Emulator.RequestLog.Clear()");

        var first = Assert.Single(_ps.RunClean("Send-PortalInvite -RecordId $rec.Id -UserType Partners -Force"));
        Assert.Equal("ZohoPortal.Core.Models.PortalInviteResult", first.BaseObject.GetType().FullName);
        Assert.Equal("SUCCESS", Prop(first, "Code"));
        Assert.Equal("An Invite has been sent to the personality.", Prop(first, "Message"));
        Assert.Equal(1, (int)_ps.RunClean("$c.Emulator.RequestLog.CountOf('POST', '/Contacts/' + $rec.Id + '/actions/portal_invite')")[0].BaseObject);
        Assert.Equal(0, (int)_ps.RunClean("$c.Emulator.RequestLog.CountOf('POST', '/Contacts/actions/portal_invite')")[0].BaseObject);

        var again = _ps.Run("Send-PortalInvite $rec.Id Partners -Force");
        Assert.Equal("CANNOT_PROCESS", Prop(Assert.Single(again.Output), "Code"));
        var error = Assert.Single(again.Errors);
        Assert.Equal("CANNOT_PROCESS,ZohoPortal.Cmdlets.Invitations.SendPortalInviteCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(_ps.RunClean("$rec.Id")[0].BaseObject, error.TargetObject);

        var resent = Assert.Single(_ps.RunClean("Send-PortalInvite -RecordId $rec.Id -UserType Partners -Reinvite -Force"));
        Assert.Equal("Invite has been resent to personality", Prop(resent, "Message"));
        Assert.Equal("Reinvite", Prop(resent, "Type"));

        var user = _ps.RunClean("$u = $c.Emulator.Org.GetRecords() | Where-Object Id -eq $rec.Id; $u.IsPortalUser");
        Assert.True((bool)Assert.Single(user).BaseObject);
    }

    [Fact]
    public void Send_EmailOfAnExistingPortalUser_IsDuplicateData()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $user = @($c.Emulator.Org.GetRecords() | Where-Object IsPortalUser)[0]
            $twin = $c.Emulator.Org.AddRecord('Twin', $user.Email)
            Send-PortalInvite -RecordId $twin.Id -UserType Customers -Force
            """);
        Assert.Equal("DUPLICATE_DATA", Prop(Assert.Single(result.Output), "Code"));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DUPLICATE_DATA,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void Send_Bulk_ReturnsJobsAtOnce_WhichPipeIntoWait()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $global:jobs = @($c.Emulator.Org.GetRecords())[0..29] | Send-PortalInvite -UserType Customers -Force -AsJob
            $jobs
            $jobs | Wait-PortalInviteJob
            """);
        Assert.Equal(2, result.Output.Count);
        var scheduled = result.Output[0];
        Assert.Equal("ZohoPortal.Core.Models.PortalInviteJob", scheduled.BaseObject.GetType().FullName);
        Assert.Equal("Contacts", Prop(scheduled, "Module"));
        var done = result.Output[1];
        Assert.Same(scheduled.BaseObject, done.BaseObject); // waited in place
        Assert.Equal("completed", Prop(done, "Status"));
        Assert.Equal(30, ((System.Collections.ICollection)done.Properties["Results"].Value).Count);
        Assert.Equal("1", Prop(done, "ErrorCount"));
        var error = Assert.Single(result.Errors); // the 25th contact has no email
        Assert.StartsWith("INVALID_DATA,", error.FullyQualifiedErrorId);
        Assert.EndsWith("WaitPortalInviteJobCmdlet", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Send_PortalUsersPipedIn_Reinvite_BindsIdTypeModuleAndPortalByPropertyName()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $c.Emulator.Options.JobDelay = [TimeSpan]::Zero
            $partners = @($c.Emulator.Org.GetRecords() | Where-Object IsPortalUser)[-3..-1]
            $types = $c.Client.GetUserTypesAsync('ZylkerAutos', $false, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $partnerType = @($types | Where-Object Name -eq 'Partners')[0]
            $partners | ForEach-Object {
                [ZohoPortal.Core.Models.PortalUser]@{ PersonalityId = $_.Id; Module = 'Contacts'; UserTypeId = $partnerType.Id; PortalName = 'ZylkerAutos' }
            } | Send-PortalInvite -Reinvite -Wait -Force
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, r =>
        {
            Assert.Equal("Invite has been resent to personality", Prop(r, "Message"));
            Assert.Equal("Contacts", Prop(r, "Module"));
            Assert.Equal("Reinvite", Prop(r, "Type"));
        });
    }

    [Fact]
    public void GetPortalInviteJob_UnknownId_IsObjectNotFound_NoIdListsEveryJob()
    {
        var missing = _ps.Run("Connect-ZohoPortal -Emulator; Get-PortalInviteJob -JobId 999");
        Assert.Empty(missing.Output);
        var error = Assert.Single(missing.Errors);
        Assert.Equal("InviteJobNotFound,ZohoPortal.Cmdlets.Invitations.GetPortalInviteJobCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("999", error.TargetObject);

        var jobs = _ps.RunClean("""
            $c = Get-ZohoPortalConnection
            $c.Emulator.Options.JobDelay = [TimeSpan]::Zero
            $null = $c.Emulator.Org.GetRecords() | Send-PortalInvite -UserType Customers -Force -AsJob
            Get-PortalInviteJob
            """);
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("completed", Prop(j, "Status")));
        Assert.Equal(new[] { "100", "100", "50" }, jobs.Select(j => Prop(j, "RecordCount")));

        var again = _ps.RunClean("Get-PortalInviteJob | Get-PortalInviteJob | ForEach-Object JobId");
        Assert.Equal(jobs.Select(j => Prop(j, "JobId")), again.Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void WaitPortalInviteJob_JobThatNeverCompletes_EndsAtTheTimeout_WithAClearError()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $c.Emulator.Options.JobDelay = [System.Threading.Timeout]::InfiniteTimeSpan
            $job = @($c.Emulator.Org.GetRecords())[0..2] | Send-PortalInvite -UserType Customers -Force -AsJob
            $job | Wait-PortalInviteJob -Timeout 1
            """);
        var job = Assert.Single(result.Output);
        Assert.Equal("in_progress", Prop(job, "Status"));
        Assert.Null(job.Properties["Results"].Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InviteJobTimeout,ZohoPortal.Cmdlets.Invitations.WaitPortalInviteJobCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("Timed out after 1 s", error.ErrorDetails.Message);
        Assert.Contains(Prop(job, "JobId"), error.ErrorDetails.Message);
        Assert.Contains("Wait-PortalInviteJob", error.ErrorDetails.RecommendedAction);
        Assert.Contains(result.Progress, p => p.Activity == "Waiting for bulk-invite jobs" && p.StatusDescription.StartsWith("0 of 1 jobs complete (0 of 3 records)"));
    }

    [Fact]
    public void SendWait_Timeout_GivesInProgressResults_ThatPipeIntoWaitByJobId()
    {
        var first = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $c.Emulator.Options.JobDelay = [System.Threading.Timeout]::InfiniteTimeSpan
            $global:results = @($c.Emulator.Org.GetRecords())[0..2] | Send-PortalInvite -UserType Customers -Force -Wait -Timeout 0
            $results
            """);
        Assert.Equal(3, first.Output.Count);
        Assert.All(first.Output, r => { Assert.Equal("in_progress", Prop(r, "Status")); Assert.Equal("JOB_IN_PROGRESS", Prop(r, "Code")); });
        Assert.StartsWith("InviteJobTimeout,", Assert.Single(first.Errors).FullyQualifiedErrorId);

        var job = Assert.Single(_ps.RunClean("$c.Emulator.Options.JobDelay = [TimeSpan]::Zero; $results | Wait-PortalInviteJob"));
        Assert.Equal("completed", Prop(job, "Status"));
        Assert.Equal(Prop(first.Output[0], "JobId"), Prop(job, "JobId"));
        Assert.Equal("3", Prop(job, "SuccessCount"));
    }

    [Fact]
    public void Send_WhatIf_SendsNothing_AndWithoutForceItAsks()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $ids = @($c.Emulator.Org.GetRecords())[0..4] | ForEach-Object Id
            $before = $c.Emulator.Org.PortalUserCount
            Send-PortalInvite -RecordId $ids -UserType Customers -WhatIf
            Send-PortalInvite -RecordId $ids[0] -UserType Customers -WhatIf
            $c.Emulator.RequestLog.CountOf('POST', 'portal_invite')
            $c.Emulator.Org.PortalUserCount - $before
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { 0, 0 }, result.Output.Select(o => (int)o.BaseObject));

        // ConfirmImpact is High: without -Force the cmdlet must ask, and a host that cannot ask gets nothing sent.
        var asked = _ps.Run("Send-PortalInvite -RecordId $ids -UserType Customers; $c.Emulator.Org.InviteJobCount");
        var prompt = Assert.Single(asked.Errors).Exception.Message;
        Assert.Contains("Invite in bulk (POST /Contacts/actions/portal_invite, 1 request of up to 100 records)", prompt);
        Assert.Contains("5 Contacts records in portal 'ZylkerAutos' as user type 'Customers'", prompt);
        Assert.Equal(0, (int)asked.Output.Last().BaseObject);
        var confirmed = _ps.Run("Send-PortalInvite -RecordId $ids -UserType Customers -Confirm:$false; $c.Emulator.Org.InviteJobCount");
        Assert.Empty(confirmed.Errors);
        Assert.Equal(1, (int)confirmed.Output.Last().BaseObject);
    }

    [Fact]
    public void Invitations_OnV4_FailBeforeAnyRequest_NamingTheVersion()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -ApiVersion v4 -PassThru
            $ids = @($c.Emulator.Org.GetRecords())[0..1] | ForEach-Object Id
            $c.Emulator.RequestLog.Clear()
            Send-PortalInvite -RecordId $ids -UserType Customers -Force
            Get-PortalInviteJob
            $c.Emulator.RequestLog.Count
            """);
        Assert.Equal(0, (int)Assert.Single(result.Output).BaseObject);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("BulkInviteNeedsV5,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("v4", e.Exception.Message);
        });
    }

    [Fact]
    public void Send_BadInput_IsReportedPerRecord_AndTheRestIsSent()
    {
        var result = _ps.Run("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $good = @($c.Emulator.Org.GetRecords())[0..1] | ForEach-Object Id
            'not-an-id', $good[0], $good[1], $good[0] | Send-PortalInvite -UserType Customers -Force -Wait
            """);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, r => Assert.Equal("SUCCESS", Prop(r, "Code")));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidRecordId,", error.FullyQualifiedErrorId);
        Assert.Equal("not-an-id", error.TargetObject);

        var unknownType = _ps.Run("$c.Emulator.RequestLog.Clear(); $good | Send-PortalInvite -UserType Nobody -Force; $c.Emulator.RequestLog.CountOf('POST', 'portal_invite')");
        Assert.StartsWith("UserTypeNotFound,", Assert.Single(unknownType.Errors).FullyQualifiedErrorId);
        Assert.Contains("2 records were not invited", unknownType.Errors[0].ErrorDetails.Message);
        Assert.Equal(0, (int)Assert.Single(unknownType.Output).BaseObject);

        var language = _ps.Run("Send-PortalInvite -RecordId $good[0] -UserType Customers -Language xx_XX -Force");
        Assert.StartsWith("InvalidLanguage,", Assert.Single(language.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task WaitPortalInviteJob_CtrlC_StopsAtOnce()
    {
        _ps.RunClean("""
            $c = Connect-ZohoPortal -Emulator -PassThru
            $c.Emulator.Options.JobDelay = [System.Threading.Timeout]::InfiniteTimeSpan
            $global:job = @($c.Emulator.Org.GetRecords())[0..1] | Send-PortalInvite -UserType Customers -Force -AsJob
            $c.Emulator.RequestLog.Clear()
            """);
        var connection = _ps.RunClean("$c")[0].BaseObject;
        var job = _ps.RunClean("$job")[0].BaseObject;
        int Polls() => (int)_ps.RunClean("$c.Emulator.RequestLog.Count")[0].BaseObject;

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("param($job, $conn) Import-Module '" + ModulePath.Manifest + "'; Wait-PortalInviteJob -Job $job -Connection $conn -Timeout 300")
            .AddArgument(job).AddArgument(connection);
        var running = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => Polls() >= 2, TimeSpan.FromSeconds(30)), "the wait never polled");

        // Generous bound: without prompt cancellation the wait would run for its full 300 s.
        await Task.Run(() => ps.Stop()).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void FormatFile_ViewsNameRealProperties()
    {
        var xml = XDocument.Load(Path.Combine(ModulePath.StageDir, "Formats", "ZohoPortal.Invitations.Format.ps1xml"));
        var views = xml.Descendants("View").ToList();
        var typesWithViews = views.Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value).ToList();
        Assert.Contains("ZohoPortal.Core.Models.PortalInviteJob", typesWithViews);
        Assert.Contains("ZohoPortal.Core.Models.PortalInviteResult", typesWithViews);
        foreach (var view in views)
        {
            var type = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                var found = _ps.RunClean("$null -ne [" + type + "].GetProperty('" + property + "')");
                Assert.True((bool)found[0].BaseObject, type + " has no property " + property);
            }
        }
    }
}
