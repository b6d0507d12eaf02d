using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit.Abstractions;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>Get/Move/Enable/Disable/Remove-PortalUser as a user types them, against the in-process emulator.</summary>
public sealed class PortalUserTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly ITestOutputHelper _output;

    public PortalUserTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _ps.Dispose();

    private static string Connect(int usersPerType) =>
        "$c = New-ZohoPortalEmulator -UsersPerUserType " + usersPerType + " -ContactCount 0 | Connect-ZohoPortal -PassThru; $log = $c.Emulator.RequestLog; ";

    private int Int(string script) => Convert.ToInt32(Assert.Single(_ps.RunClean(script)).BaseObject);

    [Fact]
    public void Move_1050UsersPipedFromGet_MakesSixTransferCalls_AndMovesEveryone()
    {
        _ps.RunClean(Connect(1050));
        var stopwatch = Stopwatch.StartNew();
        var result = _ps.Run("$log.Clear(); Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners");
        stopwatch.Stop();
        _output.WriteLine("Get-PortalUser | Move-PortalUser, 1,050 users: " + stopwatch.ElapsedMilliseconds + " ms (hosted PowerShell, in-process emulator)");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(6, Int("$log.CountOf('POST', '/users/action/transfer')"));
        Assert.Equal(6, Int("$log.CountOf('GET', '/users')"));
        Assert.Equal(2100, Int("@(Get-PortalUser -UserType Partners).Count"));
        Assert.Equal(0, Int("@(Get-PortalUser -UserType Customers).Count"));
        var progress = result.Progress.Where(p => p.Activity.StartsWith("Moving")).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
    }

    [Fact]
    public void Move_OneBadIdMixedIn_OneErrorNamingIt_AndEveryoneElseMoved()
    {
        _ps.RunClean(Connect(1049));
        var result = _ps.Run(
            "$users = @(Get-PortalUser -UserType Customers); " +
            "$bad = [ZohoPortal.Core.Models.PortalUser]@{ PersonalityId = '1306462000099999999'; Name = 'Ghost'; UserTypeId = $users[0].UserTypeId; PortalName = 'ZylkerAutos' }; " +
            "$log.Clear(); @($users[0..499]) + $bad + @($users[500..1048]) | Move-PortalUser -Destination Partners -PassThru");

        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_DATA,ZohoPortal.Cmdlets.Users.MovePortalUserCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("1306462000099999999", PSObject.AsPSObject(error.TargetObject).Properties["PersonalityId"].Value);
        Assert.Contains("1306462000099999999", error.ErrorDetails.Message);
        Assert.Contains("Transfer of user failed as personality id does not belongs to any portal user", error.ErrorDetails.Message);
        Assert.Equal(1049, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Partners", o.Properties["UserTypeName"].Value));
        Assert.Equal(1049, result.Output.Select(o => (string)o.Properties["PersonalityId"].Value).Distinct().Count());
        Assert.Equal(6, Int("$log.CountOf('POST', '/users/action/transfer')"));
        Assert.Equal(2098, Int("@(Get-PortalUser -UserType Partners).Count"));
        Assert.Equal(0, Int("@(Get-PortalUser -UserType Customers).Count"));
        // The objects the caller holds are not changed behind its back.
        Assert.Equal("Customers", _ps.RunClean("$users[0].UserTypeName")[0].BaseObject);
    }

    [Fact]
    public void Move_IdsWithSourceType_PassThruShowsTheNewType()
    {
        _ps.RunClean(Connect(5));
        var output = _ps.RunClean("$ids = @(Get-PortalUser -UserType Customers -First 2 | ForEach-Object PersonalityId); " +
                                  "$ids | Move-PortalUser -UserType Customers -Destination Partners -PassThru");
        Assert.Equal(2, output.Count);
        Assert.All(output, o => Assert.Equal("Partners", o.Properties["UserTypeName"].Value));
        Assert.Equal(_ps.RunClean("$ids").Select(o => o.BaseObject), output.Select(o => o.Properties["PersonalityId"].Value));
        Assert.Equal(3, Int("@(Get-PortalUser -UserType Customers).Count"));
    }

    [Fact]
    public void Move_WhatIf_UnknownDestination_AndMalformedId_SendNothing()
    {
        _ps.RunClean(Connect(20));
        _ps.RunClean("$users = @(Get-PortalUser -UserType Customers); $log.Clear()");

        var whatIf = _ps.Run("$users | Move-PortalUser -Destination Partners -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Equal(0, Int("$log.CountOf('POST', '/action/transfer')"));

        var unknown = _ps.Run("$users | Move-PortalUser -Destination Premium");
        var error = Assert.Single(unknown.Errors);
        Assert.Equal("UserTypeNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);

        var malformed = _ps.Run("Move-PortalUser -Id 'bob' -UserType Customers -Destination Partners");
        var bad = Assert.Single(malformed.Errors);
        Assert.Equal("InvalidPersonalityId", bad.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, bad.CategoryInfo.Category);
        Assert.Equal(0, Int("$log.CountOf('POST', '/action/transfer')"));
        Assert.Equal(20, Int("@(Get-PortalUser -UserType Customers).Count"));
    }

    [Fact]
    public void Move_WholeBatchRefused_OneErrorPerUserOfThatBatch_RestMoved()
    {
        _ps.RunClean(Connect(250).Replace("-PassThru", "-MaxRetries 0 -PassThru"));
        var result = _ps.Run("$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.FaultKind]::TooManyRequests, 1, '/action/transfer'); " +
                             "Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -PassThru");
        Assert.Equal(200, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("TOO_MANY_REQUESTS", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.LimitsExceeded, e.CategoryInfo.Category));
        Assert.Equal(200, result.Errors.Select(e => PSObject.AsPSObject(e.TargetObject).Properties["PersonalityId"].Value).Distinct().Count());
        Assert.Equal(50, result.Output.Count);
        Assert.Equal(200, Int("@(Get-PortalUser -UserType Customers).Count"));
    }

    [Fact]
    public void Move_UsersAlreadyInTheDestination_SendsNothingForThem()
    {
        _ps.RunClean(Connect(5));
        var output = _ps.RunClean("$log.Clear(); Get-PortalUser -UserType Partners | Move-PortalUser -Destination Partners -PassThru");
        Assert.Equal(5, output.Count);
        Assert.Equal(0, Int("$log.CountOf('POST', '/action/transfer')"));
        Assert.Equal(5, Int("@(Get-PortalUser -UserType Partners).Count"));
    }

    [Fact]
    public void Remove_1200Users_ThreeCalls_WhatIfNone()
    {
        _ps.RunClean(Connect(1200));
        _ps.RunClean("$users = @(Get-PortalUser -UserType Customers); $log.Clear()");

        var whatIf = _ps.Run("$users | Remove-PortalUser -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Equal(0, Int("$log.CountOf('DELETE', '/users')"));
        Assert.Equal(1200, Int("@(Get-PortalUser -UserType Customers).Count"));

        var removed = _ps.Run("$log.Clear(); $users | Remove-PortalUser -Force");
        Assert.Empty(removed.Errors);
        Assert.Empty(removed.Output);
        Assert.Equal(3, Int("$log.CountOf('DELETE', '/users')"));
        Assert.Equal(0, Int("@(Get-PortalUser -UserType Customers).Count"));
        Assert.Equal(1200, Int("@(Get-PortalUser -UserType Partners).Count"));
    }

    [Fact]
    public void Remove_PassThruWritesRemovedUsers_AndReportsAUserAlreadyGone()
    {
        _ps.RunClean(Connect(6));
        _ps.RunClean("$users = @(Get-PortalUser -UserType Customers); $users[0] | Remove-PortalUser -Force");
        var result = _ps.Run("$users | Remove-PortalUser -Force -PassThru");
        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_DATA", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Same(_ps.RunClean("$users[0]")[0].BaseObject, PSObject.AsPSObject(error.TargetObject).BaseObject);
        Assert.Equal(5, result.Output.Count);
    }

    [Fact]
    public void DisableUnconfirmed_IsNotAllowed_WithZohosMessage_EnableActiveById_IsDoneNotAnError()
    {
        _ps.RunClean(Connect(10));

        var disable = _ps.Run("$u = Get-PortalUser -UserType Customers -Status NotConfirmed -First 1; $u | Disable-PortalUser -Force");
        var notAllowed = Assert.Single(disable.Errors);
        Assert.Equal("NOT_ALLOWED,ZohoPortal.Cmdlets.Users.DisablePortalUserCmdlet", notAllowed.FullyQualifiedErrorId);
        Assert.Contains("Deactivating unconfirmed user is not allowed", notAllowed.ErrorDetails.Message);
        Assert.Contains("Deactivating unconfirmed user is not allowed", notAllowed.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidOperation, notAllowed.CategoryInfo.Category);
        Assert.Same(_ps.RunClean("$u")[0].BaseObject, PSObject.AsPSObject(notAllowed.TargetObject).BaseObject);

        // A bare id says nothing about the status, so the call goes out; Zoho's ALREADY_ACTIVATED
        // means the wanted state holds: the user is written with -PassThru, not reported as failed.
        var enable = _ps.Run("$a = Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 1; $log.Clear(); Enable-PortalUser -Id $a.PersonalityId -UserType Customers -PassThru -Verbose");
        Assert.Empty(enable.Errors);
        Assert.Equal(1, Int("$log.CountOf('PUT', '/actions/change_status')"));
        var user = Assert.Single(enable.Output);
        Assert.Equal(_ps.RunClean("$a.PersonalityId")[0].BaseObject, user.Properties["PersonalityId"].Value);
        Assert.Equal(true, user.Properties["Active"].Value);
        Assert.Contains(enable.Verbose, v => v.Contains("is active already", StringComparison.Ordinal));
        Assert.Contains(enable.Verbose, v => v.Contains("ALREADY_ACTIVATED", StringComparison.Ordinal)); // Zoho's code is kept
    }

    [Fact]
    public void Move_AnswerLostAfterZohoActed_IsDeliveredOnce_UsersReportedMoved_VerboseSaysSo()
    {
        _ps.RunClean(Connect(3));
        var result = _ps.Run("$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'ConnectionReset'; PathContains = '/action/transfer'; AfterActing = $true }); " +
                             "$log.Clear(); Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -PassThru -Verbose");
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        Assert.Equal(1, Int("$log.CountOf('POST', '/action/transfer')"));
        Assert.Contains(result.Verbose, v => v.Contains("the answer was lost") && v.Contains("not repeated"));
        Assert.Contains(result.Verbose, v => v.Contains("confirmed by reading the state after the answer was lost"));
        Assert.Equal(0, Int("@(Get-PortalUser -UserType Customers).Count"));
    }

    [Fact]
    public void Move_AnswerLost_AndStateUnreadable_IsOneOutcomeUnknownErrorPerUser()
    {
        _ps.RunClean(Connect(3).Replace("-PassThru", "-MaxRetries 0 -PassThru"));
        _ps.RunClean("$users = @(Get-PortalUser -UserType Customers)");
        var result = _ps.Run("$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'CutBody'; PathContains = '/action/transfer'; AfterActing = $true }); " +
                             "$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'InternalError'; Count = 5; PathContains = '/users'; Method = 'GET' }); " +
                             "$users | Move-PortalUser -Destination Partners");
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("OutcomeUnknown,ZohoPortal.Cmdlets.Users.MovePortalUserCmdlet", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, e.CategoryInfo.Category);
            Assert.Contains("Get-PortalUser", e.ErrorDetails.RecommendedAction);
            Assert.Contains("may or may not have carried it out", e.ErrorDetails.Message);
        });
        Assert.Equal(3, result.Errors.Select(e => PSObject.AsPSObject(e.TargetObject).Properties["PersonalityId"].Value).Distinct().Count());
    }

    [Fact]
    public void DisableThenEnable_ManyUsers_OneCallEach_PassThruInInputOrder()
    {
        _ps.RunClean(Connect(60));
        _ps.RunClean("$targets = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed); $log.Clear()");
        var count = Int("$targets.Count");

        var disabled = _ps.Run("$targets | Disable-PortalUser -Force -PassThru");
        Assert.Empty(disabled.Errors);
        Assert.Equal(_ps.RunClean("$targets | ForEach-Object PersonalityId").Select(o => o.BaseObject), disabled.Output.Select(o => o.Properties["PersonalityId"].Value));
        Assert.All(disabled.Output, o => Assert.Equal(false, o.Properties["Active"].Value));
        Assert.Equal(count, Int("$log.CountOf('PUT', '/actions/change_status')"));
        Assert.Contains(disabled.Progress, p => p.Activity.StartsWith("Deactivating") && p.RecordType == ProgressRecordType.Completed);
        Assert.Equal(0, Int("@(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count"));

        var enabled = _ps.Run("$targets | Enable-PortalUser -Force");
        Assert.Empty(enabled.Errors);
        Assert.Empty(enabled.Output);
        Assert.Equal(count, Int("@(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count"));
    }

    [Fact]
    public void Disable_WithoutForce_WhatIf_SendsNothing()
    {
        _ps.RunClean(Connect(10));
        var result = _ps.Run("$log.Clear(); Get-PortalUser -UserType Customers -Status ActiveConfirmed | Disable-PortalUser -WhatIf; $log.CountOf('PUT', '/actions/change_status')");
        Assert.Empty(result.Errors);
        Assert.Equal(0, Convert.ToInt32(Assert.Single(result.Output).BaseObject));
    }

    [Fact]
    public void GetFirst5_Over5000Users_RequestsOnePage()
    {
        _ps.RunClean(Connect(5000));
        var output = _ps.RunClean("$log.Clear(); Get-PortalUser -UserType Customers -First 5");
        Assert.Equal(5, output.Count);
        Assert.Equal(1, Int("$log.CountOf('GET', '/users')"));
        Assert.All(output, o => Assert.Equal("ZohoPortal.Core.Models.PortalUser", o.BaseObject.GetType().FullName));
    }

    [Fact]
    public void Get_AcrossAllTypes_WithSkipFirstAndTotalCount()
    {
        _ps.RunClean(Connect(30));
        var all = _ps.RunClean("Get-PortalUser");
        Assert.Equal(60, all.Count);
        Assert.Equal(new[] { "Customers", "Partners" }, all.Select(o => (string)o.Properties["UserTypeName"].Value).Distinct());

        var slice = _ps.RunClean("Get-PortalUser -Skip 25 -First 10");
        Assert.Equal(all.Skip(25).Take(10).Select(o => o.Properties["PersonalityId"].Value), slice.Select(o => o.Properties["PersonalityId"].Value));

        var counted = _ps.RunClean("Get-PortalUser -First 3 -IncludeTotalCount");
        Assert.Equal(4, counted.Count);
        Assert.Equal(60UL, Convert.ToUInt64(counted[3].BaseObject));
    }

    [Fact]
    public void Get_BindsUserTypeObjectsAndNamesFromThePipeline_AndFiltersByStatus()
    {
        _ps.RunClean(Connect(40));
        var partners = _ps.RunClean(
            "$types = $c.Client.GetUserTypesAsync('ZylkerAutos', $false, [Threading.CancellationToken]::None).GetAwaiter().GetResult(); " +
            "$types | Where-Object Name -eq 'Partners' | Get-PortalUser");
        Assert.Equal(40, partners.Count);
        Assert.All(partners, o => Assert.Equal("Partners", o.Properties["UserTypeName"].Value));
        Assert.All(partners, o => Assert.Equal("ZylkerAutos", o.Properties["PortalName"].Value));

        var byName = _ps.RunClean("'Customers', 'Partners' | Get-PortalUser -Status Deactivated");
        Assert.NotEmpty(byName);
        Assert.All(byName, o => Assert.Equal(false, o.Properties["Active"].Value));

        var reason = _ps.RunClean("Get-PortalUser -StatusReason 'disabled on updation of email'");
        Assert.NotEmpty(reason);
        Assert.All(reason, o => Assert.Equal("disabled on updation of email", o.Properties["StatusReason"].Value));
        Assert.Equal(80 - reason.Count, Int("@(Get-PortalUser -ExcludeStatusReason 'disabled on updation of email').Count"));
    }

    [Fact]
    public void Get_ById_FindsUsersInAnyType_AndReportsUnknownIds()
    {
        _ps.RunClean(Connect(10));
        var result = _ps.Run("$p = Get-PortalUser -UserType Partners -First 1; $q = Get-PortalUser -UserType Customers -First 1; " +
                             "Get-PortalUser -Id $p.PersonalityId, $q.PersonalityId, '1306462000099999999'");
        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PortalUserNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("1306462000099999999", error.TargetObject);
    }

    [Fact]
    public void Users_FormatFileIsLoaded_WithATableViewForPortalUser()
    {
        var files = _ps.RunClean("(Get-Module ZohoPortal).ExportedFormatFiles").Select(o => (string)o.BaseObject).ToList();
        var users = Assert.Single(files, f => f.EndsWith("ZohoPortal.Users.Format.ps1xml"));
        var views = _ps.RunClean("([xml][IO.File]::ReadAllText('" + users + "')).Configuration.ViewDefinitions.View | " +
                                 "Where-Object { $_.ViewSelectedBy.TypeName -eq 'ZohoPortal.Core.Models.PortalUser' } | ForEach-Object { $_.Name }");
        Assert.Contains("ZohoPortal.Core.Models.PortalUser", views.Select(v => v.BaseObject));
    }

    [Fact]
    public void Move_StoppedMidway_NamesEveryUserItDidNotReport()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using (var setup = System.Management.Automation.PowerShell.Create())
        {
            setup.Runspace = runspace;
            // Two transfers at a time: the first two are in flight together when the stop comes.
            setup.AddScript("Import-Module '" + ModulePath.Manifest.Replace("'", "''") + "' -Force -ErrorAction Stop; Import-Module '" + ModulePath.EmulatorManifest.Replace("'", "''") + "' -ErrorAction Stop; " +
                            Connect(1050).Replace("-PassThru", "-MaxConcurrency 2 -PassThru") +
                            "$users = @(Get-PortalUser -UserType Customers); $log.Clear(); " +
                            // Every transfer is held in the emulator (before it acts), so the stop is requested while the first two are in flight.
                            "$hold = [ZohoPortal.Emulator.Faults.EmulatorFault]::new('Delay', 6); $hold.Delay = [TimeSpan]::FromSeconds(5); $hold.PathContains = '/action/transfer'; " +
                            "$null = $c.Emulator.Faults.Add($hold); $hold");
            dynamic hold = setup.Invoke().Single().BaseObject;

            using var move = System.Management.Automation.PowerShell.Create();
            move.Runspace = runspace;
            move.AddScript("$users | Move-PortalUser -Destination Partners -PassThru");
            var output = new PSDataCollection<PSObject>();
            var pending = move.BeginInvoke<PSObject, PSObject>(null, output);
            // The fault is taken as each transfer reaches the emulator: stop while the first two are in flight.
            Assert.True(SpinWait.SpinUntil(() => (int)hold.Remaining == 4, TimeSpan.FromSeconds(60)), "the first two transfers never reached the emulator");
            move.Stop();
            Assert.Throws<PipelineStoppedException>(() => move.EndInvoke(pending));

            using var check = System.Management.Automation.PowerShell.Create();
            check.Runspace = runspace;
            check.AddScript("$e = $Error[0]; " +
                            "$e.FullyQualifiedErrorId; @($e.Exception.NotProcessed).Count; @($e.Exception.Unwritten | Where-Object IsSuccess).Count; " +
                            "@($e.Exception.Unwritten).Count; $log.CountOf('POST', '/action/transfer'); @(Get-PortalUser -UserType Partners).Count; " +
                            "@($e.Exception.NotProcessed | Where-Object { $id = $_; -not ($users | Where-Object PersonalityId -eq $id) }).Count; " +
                            "@(Get-PortalUser -UserType Customers -Id $e.Exception.NotProcessed).Count");
            var r = check.Invoke().Select(o => o.BaseObject).ToList();
            Assert.Equal("PortalUserOperationStopped", ((string)r[0]).Split(',')[0]);
            int notProcessed = Convert.ToInt32(r[1]), unwrittenOk = Convert.ToInt32(r[2]), unwritten = Convert.ToInt32(r[3]);
            int calls = Convert.ToInt32(r[4]), partners = Convert.ToInt32(r[5]);
            _output.WriteLine($"stopped after {calls} calls: {output.Count} written, {unwritten} unwritten, {notProcessed} not processed");
            // The calls in flight finish within the stop's grace; no further call starts.
            Assert.Equal(2, calls);
            Assert.Equal(1050 - 400, notProcessed);
            Assert.Equal(1050, output.Count + unwritten + notProcessed);
            Assert.Equal(calls * 200, output.Count + unwritten);
            Assert.Equal(1050 + output.Count + unwrittenOk, partners);
            Assert.Equal(0, Convert.ToInt32(r[6]));
            Assert.Equal(notProcessed, Convert.ToInt32(r[7]));
        }
    }
}
