using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task FirstCall_MintsOneToken_AndLaterCallsReuseIt()
    {
        using var org = new EmulatedOrg();
        for (var i = 0; i < 5; i++) await org.Client.GetPortalsAsync();
        Assert.Equal(1, org.Client.Http.TokenRefreshCount);
        Assert.Equal(1, org.Emulator.AccessTokensIssued);
    }

    [Fact]
    public async Task TokenNearExpiry_IsRenewedBeforeTheCall_WithoutAnyRejectedRequest()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Clock.Advance(TimeSpan.FromMinutes(59)); // inside the 2-minute renewal window
        await org.Client.GetPortalsAsync();
        Assert.Equal(2, org.Client.Http.TokenRefreshCount);
        Assert.DoesNotContain(org.Emulator.RequestLog.Entries, e => e.Status == 401);
    }

    [Fact]
    public async Task TwoHourRun_NeverSurfacesExpiry()
    {
        using var org = new EmulatedOrg();
        for (var minute = 0; minute < 120; minute += 7)
        {
            Assert.Single(await org.Client.GetPortalsAsync());
            org.Clock.Advance(TimeSpan.FromMinutes(7));
        }
        Assert.InRange(org.Client.Http.TokenRefreshCount, 2, 4);
    }

    [Fact]
    public async Task TokenRejectedByServer_IsRenewedOnce_AndTheCallSucceeds()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(FaultKind.ExpireToken);
        Assert.Single(await org.Client.GetPortalsAsync());
        Assert.Equal(2, org.Client.Http.TokenRefreshCount);
        Assert.Equal(1, org.Emulator.RequestLog.Entries.Count(e => e.Status == 401));
    }

    [Fact]
    public async Task ThirtyTwoConcurrentCalls_MeetingAnExpiredToken_CauseExactlyOneRefresh()
    {
        using var org = new EmulatedOrg(configureEmulator: o => { o.ConcurrencyLimit = 64; o.Latency = TimeSpan.FromMilliseconds(20); },
            configureClient: o => o.MaxConcurrency = 32);
        await org.Client.GetPortalsAsync();
        var mintedBefore = org.Emulator.AccessTokensIssued;
        org.Emulator.ExpireAccessTokens();

        var calls = Enumerable.Range(0, 32).Select(_ => Task.Run(() => org.Client.GetPortalsAsync())).ToArray();
        await Task.WhenAll(calls);

        Assert.All(calls, c => Assert.Single(c.Result));
        Assert.Equal(1, org.Emulator.AccessTokensIssued - mintedBefore);
        Assert.Equal(2, org.Client.Http.TokenRefreshCount);
    }

    [Fact]
    public async Task GrantCode_IsExchangedOnce_ThenRefreshTokenIsUsed()
    {
        using var org = new EmulatedOrg();
        var code = org.Emulator.CreateGrantCode();
        using var client = org.NewClient(new GrantTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, code));
        Assert.Single(await client.GetPortalsAsync());
        org.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Single(await client.GetPortalsAsync());
        Assert.Equal(2, client.Http.TokenRefreshCount);
    }

    [Fact]
    public async Task UsedGrantCode_FailsWithInvalidCode_AnsweredWithHttp200()
    {
        using var org = new EmulatedOrg();
        var code = org.Emulator.CreateGrantCode();
        using (var first = org.NewClient(new GrantTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, code)))
            await first.GetPortalsAsync();
        using var second = org.NewClient(new GrantTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, code));
        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => second.GetPortalsAsync());
        Assert.Equal("invalid_code", e.Code);
        Assert.Equal(200, e.HttpStatus);
        Assert.DoesNotContain(code, e.Message);
    }

    [Fact]
    public async Task WrongClientSecret_FailsWithoutLeakingIt()
    {
        using var org = new EmulatedOrg();
        using var client = org.NewClient(new RefreshTokenCredential(ZohoEmulator.DemoClientId, "not-the-secret-123", org.Emulator.DemoRefreshToken));
        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => client.GetPortalsAsync());
        Assert.Equal("invalid_client_secret", e.Code);
        Assert.DoesNotContain("not-the-secret-123", e.ToString());
    }

    [Fact]
    public async Task EleventhTokenInTenMinutes_IsRefusedByTheMintingLimit()
    {
        using var org = new EmulatedOrg();
        var refresh = org.Emulator.CreateRefreshToken();
        for (var i = 0; i < 10; i++)
        {
            using var c = org.NewClient(new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, refresh));
            await c.Http.EnsureTokenAsync(CancellationToken.None);
        }
        using var eleventh = org.NewClient(new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, refresh));
        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => eleventh.Http.EnsureTokenAsync(CancellationToken.None));
        Assert.Equal("Access Denied", e.Code);

        org.Clock.Advance(TimeSpan.FromMinutes(10));
        await eleventh.Http.EnsureTokenAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AccessTokenCredential_IsUsedAsIs_AndCannotBeRenewed()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        var token = await GetTokenViaEmulator(org);
        using var client = org.NewClient(new AccessTokenCredential(token));
        Assert.Single(await client.GetPortalsAsync());
        org.Emulator.ExpireAccessTokens();
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => client.GetPortalsAsync());
        Assert.Equal("INVALID_TOKEN", e.Code);
        Assert.Equal(401, e.HttpStatus);
    }

    private static async Task<string> GetTokenViaEmulator(EmulatedOrg org)
    {
        using var http = new HttpClient(org.Emulator.CreateHandler());
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ZohoEmulator.DemoClientId,
            ["client_secret"] = ZohoEmulator.DemoClientSecret,
            ["refresh_token"] = org.Emulator.CreateRefreshToken(),
        });
        var response = await http.PostAsync(new Uri(org.Emulator.Options.BaseUrl, "/oauth/v2/token"), form);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }
}
