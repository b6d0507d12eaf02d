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

    /// <summary>
    /// Installed as the package lays it out (Modules/ZohoPortal/0.1.0 beside
    /// Modules/ZohoPortal.Emulator/0.1.0), -Emulator finds the companion's versioned folder; and with
    /// the companion elsewhere, it is found through PSModulePath.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConnectEmulator_FromAnInstalledLayout_FindsTheCompanion(bool besideTheMainModule)
    {
        var root = Path.Combine(Path.GetTempPath(), "zp-installed-" + Guid.NewGuid().ToString("N"));
        var modules = Path.Combine(root, "Modules");
        var elsewhere = Path.Combine(root, "Elsewhere");
        var main = Path.Combine(modules, "ZohoPortal", "0.1.0");
        var companion = Path.Combine(besideTheMainModule ? modules : elsewhere, "ZohoPortal.Emulator", "0.1.0");
        CopyDirectory(Path.Combine(Repo.Root, "out", "ZohoPortal"), main);
        CopyDirectory(Path.Combine(Repo.Root, "out", "ZohoPortal.Emulator"), companion);
        var script = Path.Combine(root, "connect.ps1");
        File.WriteAllText(script, string.Join("\n",
            "$ErrorActionPreference = 'Stop'",
            "Import-Module '" + Path.Combine(main, "ZohoPortal.psd1").Replace("'", "''") + "'",
            "Connect-ZohoPortal -Emulator",
            "\"Portal: $((Get-Portal).Name)\"",
            "\"Companion: $((Get-Module ZohoPortal.Emulator).ModuleBase)\""));
        try
        {
            var path = besideTheMainModule ? System.Environment.GetEnvironmentVariable("PSModulePath") : elsewhere;
            var run = await Pwsh.RunFileAsync(script, null, new Dictionary<string, string?> { ["PSModulePath"] = path });

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Portal: ZylkerAutos", run.Output);
            var from = run.Output.Split('\n').Single(l => l.StartsWith("Companion: ", StringComparison.Ordinal)).Substring(11).Trim();
            Assert.Equal(Path.GetFullPath(companion), Path.GetFullPath(from));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
