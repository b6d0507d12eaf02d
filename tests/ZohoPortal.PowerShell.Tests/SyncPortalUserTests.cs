using System.Management.Automation;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>Sync-PortalUser as a user types it, in hosted PowerShell against the in-process emulator.</summary>
public sealed class SyncPortalUserTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    /// <summary>
    /// 6 users per type; $rows lists everyone but the first two Customers ($gone), moves the
    /// first Partners user to Customers, and adds two contacts to invite as Partners.
    /// </summary>
    private const string Setup =
        "$c = New-ZohoPortalEmulator -UsersPerUserType 6 -ContactCount 30 -JobDelayMilliseconds 0 | Connect-ZohoPortal -PassThru; $log = $c.Emulator.RequestLog; " +
        "$users = @(Get-PortalUser); $gone = @($users | Where-Object UserTypeName -eq 'Customers' | Where-Object Confirmed)[0..1]; " +
        "$moved = @($users | Where-Object UserTypeName -eq 'Partners')[0]; " +
        "$rows = @($users | Where-Object { $gone -notcontains $_ } | ForEach-Object { [pscustomobject]@{ Email = $_.Email; UserType = if ($_ -eq $moved) { 'Customers' } else { $_.UserTypeName } } }); " +
        "$new = @($c.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser })[0..1]; " +
        "$rows += @($new | ForEach-Object { [pscustomobject]@{ RecordId = $_.Id; UserType = 'Partners' } }); $log.Clear()";

    private int Int(string script) => Convert.ToInt32(Assert.Single(_ps.RunClean(script)).BaseObject);
    private int Changes() => Int("@($log.Entries | Where-Object { $_.Method -ne 'GET' -and $_.Path -like '/crm/*' }).Count");

    [Fact]
    public void PlanOnly_WritesOneStepPerPerson_AndSendsNothing()
    {
        _ps.RunClean(Setup);
        var steps = _ps.RunClean("$rows | Sync-PortalUser -Absent Disable -PlanOnly");

        Assert.Equal(14, steps.Count);
        Assert.All(steps, s => Assert.Equal("ZohoPortal.Core.Membership.PortalUserSyncStep", s.BaseObject.GetType().FullName));
        string Actions(string action) => string.Join(",", steps.Where(s => s.Properties["Action"].Value.ToString() == action).Select(s => (string)s.Properties["PersonalityId"].Value));
        Assert.Equal(string.Join(",", _ps.RunClean("$new.Id").Select(o => o.BaseObject)), Actions("Invite"));
        Assert.Equal((string)_ps.RunClean("$moved.PersonalityId")[0].BaseObject, Actions("Move"));
        Assert.Equal(string.Join(",", _ps.RunClean("$gone.PersonalityId").Select(o => o.BaseObject)), Actions("Disable"));
        Assert.Equal(0, Changes());
    }

    [Fact]
    public void Apply_SendsTheMinimumCalls_WritesOneResultPerStep_AndARerunChangesNothing()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$rows | Sync-PortalUser -Absent Disable -Force");

        Assert.Empty(result.Errors);
        Assert.Equal(14, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("ZohoPortal.Core.Membership.PortalUserSyncResult", o.BaseObject.GetType().FullName));
        Assert.Equal(5, result.Output.Count(o => o.Properties["Outcome"].Value.ToString() == "Done"));
        Assert.Equal(1, Int("$log.CountOf('POST', '/users/action/transfer')"));
        Assert.Equal(1, Int("$log.CountOf('POST', '/Contacts/actions/portal_invite')"));
        Assert.Equal(2, Int("$log.CountOf('PUT', '/actions/change_status')"));
        Assert.Equal(4, Changes());
        Assert.Equal("Customers", _ps.RunClean("(Get-PortalUser -Id $moved.PersonalityId).UserTypeName")[0].BaseObject);
        Assert.Equal(2, Int("@($new | ForEach-Object { Get-PortalUser -Id $_.Id } | Where-Object UserTypeName -eq 'Partners').Count"));
        Assert.Equal(2, Int("@($gone | Get-PortalUser | Where-Object { -not $_.Active }).Count"));

        _ps.RunClean("$log.Clear()");
        var again = _ps.Run("$rows | Sync-PortalUser -Absent Disable -Force");
        Assert.Empty(again.Errors);
        Assert.All(again.Output, o => Assert.Equal("Unchanged", o.Properties["Outcome"].Value.ToString()));
        Assert.Equal(0, Changes());
    }

    [Fact]
    public void WhatIf_PrintsEachOperationWithItsRequests_OutputsNothing_AndSendsNothing()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$rows | Sync-PortalUser -Absent Remove -WhatIf");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(0, Changes());
    }

    [Fact]
    public void AFilteredPlan_PipedBack_SendsOnlyThoseSteps()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$plan = $rows | Sync-PortalUser -Absent Remove -PlanOnly; $log.Clear(); $plan | Where-Object Action -eq 'Move' | Sync-PortalUser -Confirm:$false");
        Assert.Empty(result.Errors);
        var moved = Assert.Single(result.Output);
        Assert.Equal("Done", moved.Properties["Outcome"].Value.ToString());
        Assert.Equal(1, Changes());
        Assert.Equal(1, Int("$log.CountOf('POST', '/users/action/transfer')"));
        // Applying a plan reads nothing again: the plan is what was reviewed.
        Assert.Equal(0, Int("$log.CountOf('GET', '/users')"));
        Assert.Equal(12, Int("@(Get-PortalUser).Count"));
    }

    [Fact]
    public void RemoveAbsent_InAHostThatCannotAsk_IsConfirmationNotPossible_BeforeAnyChange()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$rows | Sync-PortalUser -Absent Remove");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfirmationNotPossible,ZohoPortal.Cmdlets.Membership.SyncPortalUserCmdlet", error.FullyQualifiedErrorId);
        // Not even the move (which needs no confirmation) went out: every question comes first.
        Assert.Equal(0, Changes());

        var confirmed = _ps.Run("$rows | Sync-PortalUser -Absent Remove -Confirm:$false");
        Assert.Empty(confirmed.Errors);
        Assert.Equal(1, Int("$log.CountOf('DELETE', '/users')"));
        Assert.Equal(12, Int("@(Get-PortalUser).Count"));
    }

    [Fact]
    public void BadRows_AreOneErrorEach_WithStableIds_ThenSyncRefused_AndNothingIsSent()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run(
            "try { @($rows) + [pscustomobject]@{ Email = $users[3].Email; UserType = 'Premium' } + [pscustomobject]@{ Email = $users[4].Email; UserType = 'Partners' } + " +
            "[pscustomobject]@{ Email = $users[4].Email; UserType = 'Customers' } + [pscustomobject]@{ Name = 'nobody'; UserType = 'Partners' } | Sync-PortalUser -Absent Remove -Confirm:$false } " +
            "catch { $caught = $_ }; $caught.FullyQualifiedErrorId; $caught.CategoryInfo.Category");

        Assert.Equal(new[] { "SyncRefused,ZohoPortal.Cmdlets.Membership.SyncPortalUserCmdlet", "InvalidData" }, result.Output.Select(o => o.BaseObject.ToString()));
        var ids = result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();
        // users[3] and users[4] are also in $rows: listed twice, so their rows conflict too.
        Assert.Contains("SyncUnknownUserType", ids);
        Assert.Contains("SyncConflictingRows", ids);
        Assert.Contains("SyncRowNoIdentity", ids);
        var unknown = result.Errors.First(e => e.FullyQualifiedErrorId.StartsWith("SyncUnknownUserType"));
        Assert.Equal(ErrorCategory.ObjectNotFound, unknown.CategoryInfo.Category);
        Assert.Equal("Premium", PSObject.AsPSObject(unknown.TargetObject).Properties["UserType"].Value);
        Assert.Equal(0, Changes());
    }

    [Fact]
    public void AnEmailNoUserHas_IsOneError_AndTheRestIsApplied()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("@($rows) + [pscustomobject]@{ Email = 'stranger@example.com'; UserType = 'Partners' } | Sync-PortalUser -Force");
        var error = Assert.Single(result.Errors);
        Assert.Equal("SyncEmailNotPortalUser,ZohoPortal.Cmdlets.Membership.SyncPortalUserCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        // The move and the invitation (absent users are left: -Absent Leave is the default).
        Assert.Equal(2, Changes());
    }

    [Fact]
    public void ARecordZohoRefuses_KeepsZohosCode_AsResultAndError()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$noEmail = @($c.Emulator.Org.GetRecords('Contacts') | Where-Object { -not $_.Email })[0]; " +
                             "[pscustomobject]@{ RecordId = $noEmail.Id; UserType = 'Partners' } | Sync-PortalUser -Force | Where-Object Action -eq 'Invite'");
        var failed = Assert.Single(result.Output);
        Assert.Equal(("Failed", "INVALID_DATA"), (failed.Properties["Outcome"].Value.ToString(), (string)failed.Properties["Code"].Value));
        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_DATA,ZohoPortal.Cmdlets.Membership.SyncPortalUserCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    [Fact]
    public void UnconfirmedAbsentUsers_AreSkippedWithAWarning_UnderDisable()
    {
        // Ten users per type: the tenth of each is unconfirmed.
        _ps.RunClean("$c = New-ZohoPortalEmulator -UsersPerUserType 10 -ContactCount 0 | Connect-ZohoPortal -PassThru; $users = @(Get-PortalUser)");
        var result = _ps.Run("$keep = @($users | Where-Object Confirmed | ForEach-Object { [pscustomobject]@{ RecordId = $_.PersonalityId; UserTypeId = $_.UserTypeId } }); $keep | Sync-PortalUser -Absent Disable -PlanOnly");
        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("cannot deactivate unconfirmed users", warning);
        var unconfirmed = Int("@($users | Where-Object { -not $_.Confirmed }).Count");
        Assert.True(unconfirmed > 0);
        Assert.Equal(unconfirmed, result.Output.Count(o => o.Properties["Action"].Value.ToString() == "Skip"));
    }

    [Fact]
    public void StepsAndRowsMixed_AreRefused()
    {
        _ps.RunClean(Setup);
        var result = _ps.Run("$plan = @($rows | Sync-PortalUser -PlanOnly); $log.Clear(); @($plan[0]) + @($rows[0]) | Sync-PortalUser -Force");
        Assert.Equal("SyncMixedInput,ZohoPortal.Cmdlets.Membership.SyncPortalUserCmdlet", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, Changes());
    }
}
