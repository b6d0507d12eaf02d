using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// Ctrl+C at any phase of a bulk user command yields one summary naming every user, and users
/// whose request went out without an answer are "sent, outcome unknown", never "not processed".
/// The moment to stop is found by waiting for the emulator to take a held request, not by timing.
/// </summary>
public sealed class StopSummaryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static List<object> StopWhileHeld(string setupScript, string command, string checkScript)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using (var setup = System.Management.Automation.PowerShell.Create())
        {
            setup.Runspace = runspace;
            setup.AddScript("Import-Module '" + ModulePath.Manifest.Replace("'", "''") + "' -Force -ErrorAction Stop; "
                            + "Import-Module '" + ModulePath.EmulatorManifest.Replace("'", "''") + "' -Force -ErrorAction Stop; " + setupScript + "; $c.Emulator.Faults");
            dynamic faults = setup.Invoke().Single().BaseObject;

            using var run = System.Management.Automation.PowerShell.Create();
            run.Runspace = runspace;
            run.AddScript(command);
            var pending = run.BeginInvoke();
            var waited = Stopwatch.StartNew();
            while ((int)faults.Pending > 0 && waited.Elapsed < Patience) Thread.Sleep(10);
            Assert.Equal(0, (int)faults.Pending); // the held request has reached the emulator
            run.Stop();
            Assert.Throws<PipelineStoppedException>(() => run.EndInvoke(pending));

            using var check = System.Management.Automation.PowerShell.Create();
            check.Runspace = runspace;
            check.AddScript("$c.Emulator.Faults.Clear(); $e = $Error[0]; " + checkScript);
            return check.Invoke().Select(o => o.BaseObject).ToList();
        }
    }

    [Fact]
    public void StopDuringTheUserTypeLookup_StillNamesEveryUser_NothingSent()
    {
        var r = StopWhileHeld(
            // The metadata cache is off, so the command lists the user types (rather than using the listing Get-PortalUser made).
            "$c = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 0 | Connect-ZohoPortal -PassThru -MetadataCacheLifetimeSec 0; $ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId); " +
            "$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'Delay'; Delay = [TimeSpan]::FromMinutes(2); PathContains = '/user_type'; Method = 'GET' }); $c.Emulator.RequestLog.Clear()",
            "Remove-PortalUser -Id $ids -UserType Customers -Force",
            "$e.FullyQualifiedErrorId; @($e.Exception.NotProcessed).Count; @($e.Exception.SentOutcomeUnknown).Count; $c.Emulator.RequestLog.CountOf('DELETE', '/users'); " +
            "@($e.Exception.NotProcessed | Where-Object { $ids -notcontains $_ }).Count");

        Assert.Equal("PortalUserOperationStopped", ((string)r[0]).Split(',')[0]);
        Assert.Equal(3, Convert.ToInt32(r[1]));
        Assert.Equal(0, Convert.ToInt32(r[2]));
        Assert.Equal(0, Convert.ToInt32(r[3]));
        Assert.Equal(0, Convert.ToInt32(r[4]));
    }

    [Fact]
    public void StopWhileATransferIsUnanswered_ItsUsersAreSentOutcomeUnknown_AndZohoDidMoveThem()
    {
        var r = StopWhileHeld(
            "$c = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 0 | Connect-ZohoPortal -PassThru; $c.StopGrace = [TimeSpan]::FromMilliseconds(200); " +
            "$users = @(Get-PortalUser -UserType Customers); " +
            "$null = $c.Emulator.Faults.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = 'Delay'; Delay = [TimeSpan]::FromMinutes(2); PathContains = '/action/transfer'; AfterActing = $true })",
            "$users | Move-PortalUser -Destination Partners",
            "$e.FullyQualifiedErrorId; @($e.Exception.NotProcessed).Count; @($e.Exception.SentOutcomeUnknown).Count; $e.Exception.Message; " +
            "@(Get-PortalUser -UserType Partners | Where-Object { $e.Exception.SentOutcomeUnknown -contains $_.PersonalityId }).Count");

        Assert.Equal("PortalUserOperationStopped", ((string)r[0]).Split(',')[0]);
        Assert.Equal(0, Convert.ToInt32(r[1]));
        Assert.Equal(3, Convert.ToInt32(r[2]));
        Assert.Contains("sent, outcome unknown", (string)r[3]);
        Assert.Equal(3, Convert.ToInt32(r[4])); // "unknown" was the truthful answer: Zoho had moved them
    }
}
