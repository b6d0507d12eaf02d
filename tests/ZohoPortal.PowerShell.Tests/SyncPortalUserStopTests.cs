namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// Ctrl+C on Sync-PortalUser stops like the other bulk user commands: the call in flight
/// finishes, nothing new is sent, and one PortalUserOperationStopped error names every change
/// left over. The moment to stop is the emulator taking the held transfer, not a timer.
/// </summary>
public sealed class SyncPortalUserStopTests
{
    [Fact]
    public void StopWhileATransferIsHeld_TheTransferFinishes_TheInvitesAreNotSent_OneSummaryNamesThem_AndARerunConverges()
    {
        // The transfer's answer is held for a few seconds: well inside the 20 s StopGrace, so the stop lets it finish.
        var r = StopSummaryTests.StopWhileHeld(
            "$c = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 4 | Connect-ZohoPortal -PassThru; " +
            "$users = @(Get-PortalUser); " +
            // Only the engine's own commands: the hosted runspace loads no other module.
            "$contacts = @(@($c.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser })[0..1]); " +
            "$rows = @($users | ForEach-Object { [pscustomobject]@{ RecordId = $_.PersonalityId; UserType = 'Partners' } }) + " +
            "@($contacts | ForEach-Object { [pscustomobject]@{ RecordId = $_.Id; UserType = 'Customers' } }); " +
            "$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'Delay'; Delay = [TimeSpan]::FromSeconds(3); PathContains = '/action/transfer' }); " +
            "$c.Emulator.RequestLog.Clear()",
            "$rows | Sync-PortalUser -Force",
            "$e.FullyQualifiedErrorId; " +
            "@($e.Exception.NotProcessed | Where-Object { $contacts.Id -contains $_ }).Count; @($e.Exception.NotProcessed).Count; @($e.Exception.SentOutcomeUnknown).Count; " +
            "@($e.Exception.Unwritten | Where-Object IsSuccess).Count; @($e.Exception.Unwritten).Count; " +
            "$c.Emulator.RequestLog.CountOf('POST', '/action/transfer'); $c.Emulator.RequestLog.CountOf('POST', '/portal_invite'); " +
            "@(Get-PortalUser -UserType Partners).Count; $e.Exception.Message; " +
            "$again = @($rows | Sync-PortalUser -Force); @($again | Where-Object Outcome -eq 'Done').Count; @($again | Where-Object Action -eq 'Invite').Count; " +
            "@($rows | Sync-PortalUser -PlanOnly | Where-Object IsChange).Count");

        Assert.True(r.Count == 13, string.Join(" | ", r));
        Assert.Equal("PortalUserOperationStopped", ((string)r[0]).Split(',')[0]);
        Assert.Equal(2, Convert.ToInt32(r[1])); // the two invitations were never sent
        Assert.Equal(2, Convert.ToInt32(r[2]));
        Assert.Equal(0, Convert.ToInt32(r[3])); // the held transfer finished: its outcome is known
        Assert.Equal(3, Convert.ToInt32(r[4])); // ... and its three moves are named, done but not written
        Assert.Equal(3, Convert.ToInt32(r[5]));
        Assert.Equal(1, Convert.ToInt32(r[6]));
        Assert.Equal(0, Convert.ToInt32(r[7])); // nothing new after the stop
        Assert.Equal(6, Convert.ToInt32(r[8]));
        Assert.StartsWith("Sync-PortalUser was stopped: 2 of 5 users were not processed", (string)r[9]);
        Assert.Equal(2, Convert.ToInt32(r[10])); // the re-run sends only the invitations
        Assert.Equal(2, Convert.ToInt32(r[11]));
        Assert.Equal(0, Convert.ToInt32(r[12]));
    }
}
