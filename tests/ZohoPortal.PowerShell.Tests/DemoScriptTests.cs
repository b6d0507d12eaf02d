namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// samples/demo.ps1 is the README's main job; it runs here as in the demo host, so a change that
/// breaks the scenario breaks the build rather than a newcomer's first impression.
/// </summary>
public sealed class DemoScriptTests : IDisposable
{
    // Only the main module, as the demo host imports it: the script loads the companion itself.
    private readonly PowerShellSession _ps = new(importEmulator: false);

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void Demo_RunsWithoutErrors_AndLeavesTheOrgAsItTells()
    {
        var script = Path.Combine(ModulePath.RepoRoot, "samples", "demo.ps1");
        var result = _ps.Run("$ErrorActionPreference = 'Continue'; & '" + script.Replace("'", "''") + "'");
        Assert.True(result.Errors.Count == 0, "The demo wrote errors: " + string.Join("; ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));

        // Partners is retired into Customers; nobody is lost: 2 x 300 seeded users plus the
        // invited contacts that have an email (the seed leaves 1 contact in 25 without one).
        var types = _ps.RunClean("Get-PortalUserType").ToList();
        Assert.Equal(new[] { "Customers", "Premium" }, types.Select(t => (string)t.Properties["Name"].Value).OrderBy(n => n));
        Assert.Equal(600 + 150 - 150 / 25, types.Sum(t => (int)t.Properties["NoOfUsers"].Value));
        var transfers = _ps.RunClean("@((Get-ZohoPortalConnection).Emulator.RequestLog.Entries | Where-Object Path -like '*/users/action/transfer').Count")[0].BaseObject;
        Assert.Equal(4, transfers);
        // The configuration step changes one permission of one user type: one update, and Premium can delete notes.
        var updates = _ps.RunClean("@((Get-ZohoPortalConnection).Emulator.RequestLog.Entries | Where-Object { $_.Method -eq 'PUT' -and $_.Path -like '*/user_type/*' -and $_.Path -notlike '*/users/*' }).Count")[0].BaseObject;
        Assert.Equal(1, updates);
        var canDelete = _ps.RunClean("(Export-PortalConfiguration).UserTypes.Where({ $_.Name -eq 'Premium' })[0].Modules.Where({ $_.ApiName -eq 'Notes' })[0].Permissions.Delete")[0].BaseObject;
        Assert.Equal(true, canDelete);
    }
}
