namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// The emulator as a companion module, in real pwsh run as a runbook: a real connection loads no
/// emulator code; Connect-ZohoPortal -Emulator loads the companion by itself.
/// </summary>
public sealed class EmulatorModuleRunbookTests
{
    [Fact]
    public async Task RealConnections_ToALoopbackOrg_LoadNoEmulatorAssembly()
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Pwsh.RunFileAsync(Repo.Runbook("real-connection.ps1"), null, org.Environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        Assert.Contains("Access token x: INVALID_TOKEN", run.Output);
        Assert.Contains("Emulator modules loaded: 0", run.Output);
        var assemblies = run.Output.Split('\n').Where(l => l.StartsWith("Assembly: ", StringComparison.Ordinal)).Select(l => l.Substring(10).Trim()).ToList();
        Assert.Contains("ZohoPortal", assemblies);
        Assert.Contains("ZohoPortal.Core", assemblies);
        Assert.DoesNotContain(assemblies, a => a.StartsWith("ZohoPortal.Emulator", StringComparison.Ordinal));
        // Both connections reached the org: the refused token is the emulator's answer, not a local one.
        Assert.Contains(org.Emulator.RequestLog.Entries, e => e.Path == "/crm/v8/settings/portals" && e.Status == 401);
        Assert.Contains(org.Emulator.RequestLog.Entries, e => e.Path == "/crm/v8/settings/portals" && e.Status == 200);
    }

    [Fact]
    public async Task ConnectEmulator_InOneLine_LoadsTheCompanionModuleOnDemand()
    {
        using var org = new LoopbackOrg(usersPerUserType: 0, contactCount: 0);

        var run = await Pwsh.RunFileAsync(Repo.Runbook("emulator-one-line.ps1"), null, org.Environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Emulator modules before: 0", run.Output);
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        var from = run.Output.Split('\n').Single(l => l.StartsWith("Emulator module from: ", StringComparison.Ordinal)).Substring(22).Trim();
        Assert.Equal(Path.GetFullPath(Path.Combine(Repo.Root, "out", "ZohoPortal.Emulator")), Path.GetFullPath(from));
        // The default org, not the loopback one of this test: 25 users in each of two user types.
        Assert.Contains("Portal users: 50", run.Output);
        Assert.Empty(org.Emulator.RequestLog.Entries);
    }
}
