using System.Net;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>The client-credentials grant of a self client: no refresh token, renewed from the client itself.</summary>
public sealed class ClientCredentialsTests
{
    private static (ZohoPortalClient Client, CapturingHandler Wire) Connect(EmulatedOrg org, string? organizationId, string? scope = null)
    {
        var wire = new CapturingHandler(org.Emulator.CreateHandler());
        var client = new ZohoPortalClient(new ZohoConnectionOptions
        {
            Transport = wire,
            ApiBaseUrl = org.Emulator.Options.BaseUrl,
            AccountsBaseUrl = org.Emulator.Options.BaseUrl,
            Clock = org.Clock,
            Tracer = org.Tracer,
            RetryPolicy = new RetryPolicy(maxRetries: 6, seed: 3),
        }, new ClientCredentialsCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, organizationId, scope));
        return (client, wire);
    }

    [Fact]
    public async Task Connects_WithTheClientCredentialsGrant_NamingTheOrgAndTheScopes()
    {
        using var org = new EmulatedOrg();
        var (client, wire) = Connect(org, ZohoEmulator.DemoOrganizationId);
        using (client)
        {
            Assert.Single(await client.GetPortalsAsync());
            var token = Assert.Single(wire.Exchanges, e => e.Path == "/oauth/v2/token");
            var form = ParseForm(token.RequestBody);
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal(ZohoEmulator.DemoClientId, form["client_id"]);
            Assert.Equal("ZohoCRM." + ZohoEmulator.DemoOrganizationId, form["soid"]);
            Assert.Equal("ZohoCRM.settings.clientportal.ALL,ZohoCRM.modules.ALL,ZohoCRM.settings.fields.READ", form["scope"]);
            Assert.False(form.ContainsKey("refresh_token"));
        }
    }

    [Fact]
    public async Task ExpiredToken_IsMintedAgainTheSameWay_WithoutAnyRejectedCall()
    {
        using var org = new EmulatedOrg();
        var (client, wire) = Connect(org, ZohoEmulator.DemoOrganizationId);
        using (client)
        {
            await client.GetPortalsAsync();
            org.Clock.Advance(TimeSpan.FromMinutes(61));
            Assert.Single(await client.GetPortalsAsync());
            Assert.Equal(2, client.Http.TokenRefreshCount);
            Assert.All(wire.Exchanges.Where(e => e.Path == "/oauth/v2/token"), e => Assert.Equal("client_credentials", ParseForm(e.RequestBody)["grant_type"]));
            Assert.DoesNotContain(org.Emulator.RequestLog.Entries, e => e.Status == 401);
        }
    }

    [Fact]
    public async Task TokenRejectedByZoho_IsRenewedOnce()
    {
        using var org = new EmulatedOrg();
        var (client, _) = Connect(org, ZohoEmulator.DemoOrganizationId);
        using (client)
        {
            await client.GetPortalsAsync();
            org.Emulator.ExpireAccessTokens();
            Assert.Single(await client.GetPortalsAsync());
            Assert.Equal(2, client.Http.TokenRefreshCount);
        }
    }

    [Fact]
    public async Task WithoutOrganizationId_ZohosMissingOrgInfo_IsExplained_AndNotRetried()
    {
        using var org = new EmulatedOrg();
        var (client, wire) = Connect(org, organizationId: null);
        using (client)
        {
            var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => client.GetPortalsAsync());
            Assert.Equal("missing_org_info", e.Code);
            Assert.Contains("-OrganizationId", e.Message);
            Assert.Contains("soid=ZohoCRM.", e.Message);
            Assert.False(e.IsCredentialError);
            Assert.Single(wire.Exchanges, x => x.Path == "/oauth/v2/token");
            Assert.DoesNotContain("soid", wire.Exchanges.Single().RequestBody);
        }
    }

    [Fact]
    public async Task AnotherOrgsId_IsRefused()
    {
        using var org = new EmulatedOrg();
        var (client, _) = Connect(org, "12345");
        using (client)
        {
            var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => client.GetPortalsAsync());
            Assert.Equal("invalid_client", e.Code);
        }
    }

    [Fact]
    public async Task TheClientSecret_NeverReachesTheTrace()
    {
        using var org = new EmulatedOrg();
        var (client, _) = Connect(org, ZohoEmulator.DemoOrganizationId);
        using (client)
        {
            await client.GetPortalsAsync();
            var text = org.Tracer.AllText();
            Assert.Contains("/oauth/v2/token", text); // the token request was traced, so the scan below scanned something
            Assert.DoesNotContain(ZohoEmulator.DemoClientSecret, text);
        }
    }

    [Fact]
    public async Task ClientCredentialsAllowance_CannotBeSentAsARefreshToken()
    {
        using var org = new EmulatedOrg();
        var (client, _) = Connect(org, ZohoEmulator.DemoOrganizationId);
        using (client) await client.GetPortalsAsync();
        using var forged = org.NewClient(new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret,
            "client_credentials:" + ZohoEmulator.DemoClientId + "/ZohoCRM." + ZohoEmulator.DemoOrganizationId));
        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => forged.GetPortalsAsync());
        Assert.Equal("invalid_code", e.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ZohoCRM.123")]
    [InlineData("12 34")]
    public void OrganizationId_MustBeDigits(string organizationId) =>
        Assert.Throws<ArgumentException>(() => new ClientCredentialsCredential("1000.X", "s", organizationId));

    private static Dictionary<string, string> ParseForm(string? body) =>
        (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty));
}
