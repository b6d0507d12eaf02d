using ZohoPortal.Core.Errors;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

/// <summary>Token requests share the pipeline's retry, timeout and trace; renewal fits the token's lifetime; minting refusals are waited out.</summary>
public sealed class TokenReliabilityTests
{
    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.InternalError)]
    public async Task AccountsServerFailingOnceDuringRenewal_TheBatchCarriesOn(FaultKind kind)
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync("ZylkerAutos");
        var (from, to) = (types.Single(t => t.Default).Id, types.Single(t => t.Name == "Partners").Id);
        var ids = new List<string>();
        await org.Client.ListUsersAsync("ZylkerAutos", from, new Models.PortalUserQuery(), p => ids.AddRange(p.Select(u => u.PersonalityId)));
        org.Emulator.ExpireAccessTokens();
        org.Emulator.Faults.Add(new EmulatorFault(kind) { PathContains = "/oauth/v2/token" });

        var results = await org.Client.TransferUsersAsync("ZylkerAutos", from, to, ids);

        Assert.All(results, r => Assert.Equal("SUCCESS", r.Code));
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("POST", "/oauth/v2/token") - 1); // the first token, then the failed renewal and its repeat
        Assert.Contains("Retry 1 of 6 for POST /oauth/v2/token", org.Tracer.AllText());
    }

    [Fact]
    public async Task ShortLivedToken_IsNotRenewedOnEveryCall()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.AccessTokenLifetime = TimeSpan.FromSeconds(60));
        for (var i = 0; i < 14; i++) await org.Client.GetPortalsAsync();
        Assert.Equal(1, org.Emulator.AccessTokensIssued);
        org.Clock.Advance(TimeSpan.FromSeconds(46)); // past the lifetime-scaled margin (15 s before expiry)
        await org.Client.GetPortalsAsync();
        Assert.Equal(2, org.Emulator.AccessTokensIssued);
    }

    [Fact]
    public async Task MintingRefusal_IsWaitedOut_WithAVerboseLine_NotAskedPerCall()
    {
        using var org = new EmulatedOrg(configureEmulator: o => { o.TokenMintLimit = 1; o.TokenMintWindow = TimeSpan.FromSeconds(40); });
        await org.Client.GetPortalsAsync();
        org.Emulator.ExpireAccessTokens();
        org.Clock.Delays.Clear();

        var calls = Enumerable.Range(0, 5).Select(_ => org.Client.GetPortalsAsync()).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(2, org.Emulator.AccessTokensIssued);
        // Refused, then waits of 15 s and 30 s (the window is 40 s): three token requests, not one per call.
        Assert.Equal(4, org.Emulator.RequestLog.CountOf("POST", "/oauth/v2/token"));
        Assert.Contains(TimeSpan.FromSeconds(15), org.Clock.Delays);
        Assert.Contains("waiting 15 s for the window", org.Tracer.AllText());
    }

    [Fact]
    public async Task MintingRefusalBeyondTheWait_IsAnAuthenticationError_ThatDoesNotBlameTheCredentials()
    {
        using var org = new EmulatedOrg(configureEmulator: o => { o.TokenMintLimit = 1; o.TokenMintWindow = TimeSpan.FromHours(1); },
            configureClient: o => o.TokenMintWait = TimeSpan.FromMinutes(1));
        await org.Client.GetPortalsAsync();
        org.Emulator.ExpireAccessTokens();

        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => org.Client.GetPortalsAsync());

        Assert.Equal("Access Denied", e.Code);
        Assert.False(e.IsCredentialError);
        Assert.Contains("The credentials themselves are fine", e.Message);
        var before = org.Emulator.RequestLog.CountOf("POST", "/oauth/v2/token");
        await Assert.ThrowsAsync<ZohoAuthenticationException>(() => org.Client.GetPortalsAsync());
        Assert.Equal(before, org.Emulator.RequestLog.CountOf("POST", "/oauth/v2/token")); // not asked again at once
    }

    [Fact]
    public async Task RealCredentialError_IsNotRetried_AndBlamesTheCredentials()
    {
        using var org = new EmulatedOrg();
        using var client = org.NewClient(new Auth.RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, "1000.not-a-refresh-token"));
        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => client.GetPortalsAsync());
        Assert.True(e.IsCredentialError);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("POST", "/oauth/v2/token"));
    }
}
