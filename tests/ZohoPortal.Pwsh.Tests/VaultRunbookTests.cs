using ZohoPortal.Emulator;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// tests/runbooks/vault.ps1: a refresh token from a device sign-in stored in a vault by one pwsh
/// process and used by another, through the SecretManagement-shaped stand-in module
/// (tests/modules/SecretManagement.StandIn, found on PSModulePath like the real module would be).
/// </summary>
public sealed class VaultRunbookTests
{
    private static string StandInModules => Path.Combine(Repo.Root, "tests", "modules");

    private static IDictionary<string, string?> WithVault(LoopbackOrg org, string vaultFile, bool moduleInstalled = true)
    {
        var environment = org.Environment;
        if (moduleInstalled)
            environment["PSModulePath"] = StandInModules + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PSModulePath");
        environment["ZOHOPORTAL_STANDIN_VAULT"] = vaultFile;
        // The Read run gets nothing but the vault and the endpoints.
        return environment;
    }

    [Fact]
    public async Task RefreshToken_StoredAfterDeviceSignIn_ConnectsANewSession_FromTheVault()
    {
        using var org = DeviceCodeRunbookTests.NewOrg();
        var vaultFile = Path.Combine(Path.GetTempPath(), "zp-vault-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (store, _, status) = await DeviceCodeRunbookTests.SignIn(org, "vault.ps1", new[] { "-Mode", "Store" }, WithVault(org, vaultFile),
                code => DeviceCodeRunbookTests.UsePage(org, code, "approve"));
            Assert.Equal(200, status);
            Assert.True(store.ExitCode == 0, store.ToString());
            Assert.Contains("Kept as SecureString: True", store.Output);
            Assert.Contains("Stored: True", store.Output);
            Assert.Contains("Connected: DeviceCode", store.Output);
            var vaultText = File.ReadAllText(vaultFile);
            Assert.Contains("\"ZohoRefreshToken\"", vaultText);
            Assert.Matches(@"1000\.[0-9a-f]{32}\.[0-9a-f]{32}", vaultText); // the stand-in's file holds the issued token

            var read = WithVault(org, vaultFile);
            read.Remove("ZOHO_CLIENT_SECRET");
            read.Remove("ZOHO_REFRESH_TOKEN");
            var mintedBefore = org.Emulator.AccessTokensIssued;
            var again = await Pwsh.RunFileAsync(Repo.Runbook("vault.ps1"), new[] { "-Mode", "Read" }, read);

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("Connected: RefreshToken", again.Output);
            Assert.Contains("Portal: ZylkerAutos", again.Output);
            Assert.Equal(mintedBefore + 1, org.Emulator.AccessTokensIssued);
            Assert.Single(org.Emulator.RequestLog.Entries, e => e.Path == "/oauth/v3/device/code"); // no second sign-in
            foreach (var run in new[] { store, again })
            {
                Assert.DoesNotContain(ZohoEmulator.DemoClientSecret, run.Output + run.Errors);
                Assert.DoesNotMatch(@"100[04]\.[0-9a-f]{32}\.[0-9a-f]{32}", run.Output + run.Errors);
            }
        }
        finally
        {
            File.Delete(vaultFile);
        }
    }

    [Fact]
    public async Task WithoutAVaultModule_FailsWithSecretManagementNotFound_BeforeAnyRequest()
    {
        using var org = DeviceCodeRunbookTests.NewOrg();
        var vaultFile = Path.Combine(Path.GetTempPath(), "zp-vault-" + Guid.NewGuid().ToString("N") + ".json");

        var run = await Pwsh.RunFileAsync(Repo.Runbook("vault.ps1"), new[] { "-Mode", "NoModule" }, WithVault(org, vaultFile, moduleInstalled: false));

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED SecretManagementNotFound,", failure);
        Assert.Contains("[NotInstalled]", failure);
        Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", failure);
        Assert.Empty(org.Emulator.RequestLog.Entries);
    }
}
