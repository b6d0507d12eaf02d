using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// tests/runbooks/client-credentials.ps1 in `pwsh -NonInteractive`: Connect-ZohoPortal
/// -ClientCredential with a PSCredential against a loopback emulator.
/// </summary>
public sealed class ClientCredentialRunbookTests
{
    private static Task<PwshRun> Run(LoopbackOrg org, string mode) =>
        Pwsh.RunFileAsync(Repo.Runbook("client-credentials.ps1"), new[] { "-Mode", mode }, org.Environment);

    private static List<ZohoPortal.Emulator.Http.RequestLogEntry> TokenRequests(LoopbackOrg org) =>
        org.Emulator.RequestLog.Entries.Where(e => e.Path == "/oauth/v2/token").ToList();

    [Fact]
    public async Task WithOrganizationId_Connects_AndRenewsAfterTheTokenExpired()
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);
        // The first portal read finds its token expired (as after an hour): Zoho answers 401 and the
        // connection must mint a new one by itself, with no refresh token to use.
        org.Emulator.Faults.Add(FaultKind.ExpireToken, pathContains: "/settings/portals");

        var run = await Run(org, "WithOrg");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected: ClientCredentials " + ZohoEmulator.DemoClientId, run.Output);
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        Assert.Contains("Disconnected", run.Output);
        Assert.Single(org.Emulator.RequestLog.Entries, e => e.Status == 401);
        Assert.Equal(2, TokenRequests(org).Count);
        Assert.All(TokenRequests(org), e => Assert.Equal(200, e.Status));
        Assert.Equal(2, org.Emulator.AccessTokensIssued);
        AssertNoSecret(org, run);
    }

    [Fact]
    public async Task WithoutOrganizationId_FailsWithMissingOrgInfo_Explained()
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Run(org, "WithoutOrg");

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED ZohoAuthentication.missing_org_info,", failure);
        Assert.Contains("[AuthenticationError]", failure);
        Assert.Contains("-OrganizationId", failure);
        Assert.Contains("more than one Zoho org", failure);
        Assert.Single(TokenRequests(org));
        Assert.Equal(0, org.Emulator.AccessTokensIssued);
        AssertNoSecret(org, run);
    }

    [Fact]
    public async Task PSCredential_StandsForClientIdAndSecret_BesideARefreshToken()
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Run(org, "WithRefreshToken");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected: RefreshToken " + ZohoEmulator.DemoClientId, run.Output);
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        AssertNoSecret(org, run);
    }

    [Theory]
    [InlineData("EmptySecret", "FAILED ClientCredentialWithoutSecret,", "[InvalidArgument]")]
    [InlineData("Conflict", "FAILED AmbiguousParameterSet,", "[InvalidArgument]")]
    public async Task BadInput_IsRefusedBeforeAnyRequest(string mode, string errorId, string category)
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Run(org, mode);

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith(errorId, failure);
        Assert.Contains(category, failure);
        Assert.Empty(org.Emulator.RequestLog.Entries);
        AssertNoSecret(org, run);
    }

    private static void AssertNoSecret(LoopbackOrg org, PwshRun run)
    {
        foreach (var secret in new[] { ZohoEmulator.DemoClientSecret, org.RefreshToken })
        {
            Assert.DoesNotContain(secret, run.Output);
            Assert.DoesNotContain(secret, run.Errors);
        }
        Assert.DoesNotMatch(@"Zoho-oauthtoken \w", run.Output);
    }
}
