using System.Net;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>Hostile or careless input refused before any request, each with a stable ErrorId.</summary>
public sealed class HardeningTests
{
    private static ZohoValidationException Refused(Action act) => Assert.Throws<ZohoValidationException>(act);

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://127.0.0.1.nip.io:8080")]   // resolves to loopback, but is a name
    [InlineData("http://10.0.0.5")]
    [InlineData("http://[fe80::1]")]
    public void PlainHttp_OnAHostThatIsNotALoopbackLiteral_IsRefused(string url)
    {
        foreach (var which in new[] { "api", "accounts" })
        {
            var options = which == "api" ? new ZohoConnectionOptions { ApiBaseUrl = new Uri(url) } : new ZohoConnectionOptions { AccountsBaseUrl = new Uri(url) };
            var e = Refused(() => new ZohoHttpClient(options, new RefreshTokenCredential("id", "secret", "refresh")));
            Assert.Equal("InsecureBaseUrl", e.ErrorId);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.45.6.7:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://proxy.example.com")]
    public void Https_OrPlainHttpOnLoopbackLiterals_IsAccepted(string url)
    {
        using var client = new ZohoHttpClient(new ZohoConnectionOptions { ApiBaseUrl = new Uri(url), AccountsBaseUrl = new Uri(url), Transport = new ZohoEmulator().CreateHandler() },
            new RefreshTokenCredential("id", "secret", "refresh"));
        Assert.Equal(new Uri(url).Host, client.ApiBaseUrl.Host);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://files.example.com")]
    [InlineData("https://user:pw@example.com")]
    [InlineData("https://example.com/?x=1")]
    public void BaseUrl_ThatIsNotAPlainHttpUrl_IsRefused(string url)
    {
        var e = Refused(() => new ZohoHttpClient(new ZohoConnectionOptions { ApiBaseUrl = new Uri(url) }, new RefreshTokenCredential("id", "secret", "refresh")));
        Assert.Equal("InvalidBaseUrl", e.ErrorId);
    }

    [Fact]
    public void RelativeBaseUrl_IsRefused()
    {
        var e = Refused(() => new ZohoHttpClient(new ZohoConnectionOptions { ApiBaseUrl = new Uri("zoho/api", UriKind.Relative) }, new RefreshTokenCredential("id", "secret", "refresh")));
        Assert.Equal("InvalidBaseUrl", e.ErrorId);
    }

    [Fact]
    public async Task BaseUrl_PathPrefix_IsHonoured_ForApiAndTokenRequests()
    {
        var emulator = new ZohoEmulator();
        var capture = new PrefixStripper("/zoho", emulator.CreateHandler());
        using var client = new ZohoPortalClient(new ZohoConnectionOptions
        {
            Transport = capture,
            ApiBaseUrl = new Uri("https://gateway.example.com/zoho/"),
            AccountsBaseUrl = new Uri("https://gateway.example.com/zoho"),
        }, new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, emulator.DemoRefreshToken));

        Assert.Single(await client.GetPortalsAsync());
        Assert.Contains("/zoho/oauth/v2/token", capture.Seen);
        Assert.Contains("/zoho/crm/v8/settings/portals", capture.Seen);
    }

    [Theory]
    [InlineData("http://www.zohoapis.com")]        // not https
    [InlineData("https://www.zohoapis.com.evil.io")]
    [InlineData("https://evil.io")]
    [InlineData("https://www.zohoapis.eu")]         // another data centre
    [InlineData("https://www.zohoapis.com:8443")]
    [InlineData("https://www.zohoapis.com/elsewhere")]
    [InlineData("https://a.b.zohoapis.com")]
    public async Task ApiDomain_ThatIsNotAZohoHostOfTheDataCentre_IsRefused_BeforeAnyApiRequest(string apiDomain)
    {
        var capture = new CapturingHandler(new FixedTokenAnswer(apiDomain));
        using var client = new ZohoPortalClient(new ZohoConnectionOptions { Transport = capture, DataCenter = ZohoDataCenter.US },
            new RefreshTokenCredential("id", "secret", "refresh"));

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => client.GetPortalsAsync());

        Assert.Equal("UntrustedApiDomain", e.ErrorId);
        Assert.All(capture.Exchanges, x => Assert.Equal("/oauth/v2/token", x.Path)); // only the token request went out
    }

    [Theory]
    [InlineData("https://www.zohoapis.com")]
    [InlineData("https://sandbox.zohoapis.com")]
    [InlineData("https://zohoapis.com")]
    public async Task ApiDomain_OnAZohoHostOfTheDataCentre_IsFollowed(string apiDomain)
    {
        var capture = new CapturingHandler(new FixedTokenAnswer(apiDomain));
        using var client = new ZohoPortalClient(new ZohoConnectionOptions { Transport = capture }, new RefreshTokenCredential("id", "secret", "refresh"));
        await client.GetPortalsAsync();
        Assert.Contains(capture.Exchanges, x => x.Path == "/crm/v8/settings/portals");
        Assert.Equal(new Uri(apiDomain).Host, client.Http.ApiBaseUrl.Host);
    }

    [Theory]
    [InlineData(".", "PortalNameLength")]
    [InlineData("..", "PortalNameLength")]
    [InlineData("Zylker/..", "PortalNamePattern")]
    [InlineData("ZylkerAutos\n", "PortalNamePattern")]
    [InlineData("", "PortalNameEmpty")]
    public async Task PortalName_BreakingZohosRules_IsRefused_WhereverAPortalIsNamed(string name, string errorId)
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Emulator.RequestLog.Clear();
        var calls = new Func<Task>[]
        {
            () => org.Client.GetPortalAsync(name), () => org.Client.DeletePortalAsync(name), () => org.Client.RenamePortalAsync(name, "ZylkerCare"),
            () => org.Client.GetUserTypesAsync(name), () => org.Client.GetUsersPageAsync(name, "1306462000000659009"),
            () => org.Client.TransferUsersAsync(name, "1", "2", new[] { "3" }), () => org.Client.DeleteUsersAsync(name, "1", new[] { "3" }),
        };
        foreach (var call in calls)
            Assert.Equal(errorId, (await Assert.ThrowsAsync<ZohoValidationException>(call)).ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task PortalName_Of70000Characters_IsRefused()
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.GetUserTypesAsync(new string('a', 70_000)));
        Assert.Equal("PortalNameLength", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Theory]
    [InlineData("1306462000000659009\n")]
    [InlineData("1306462000000659009\r\n")]
    [InlineData("\n1306462000000659009")]
    [InlineData("13064620000006590０9")] // a full-width digit
    public async Task Id_WithAnythingAroundTheDigits_IsRefused(string id)
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.DeleteUsersAsync("ZylkerAutos", "1306462000000659001", new[] { id }));
        Assert.Equal("InvalidPersonalityId", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Theory]
    [InlineData("/crm/../oauth/v2/token")]
    [InlineData("/crm/v8/../../oauth/v2/token")]
    [InlineData("/crm/v8/%2e%2e/%2E%2E/oauth/v2/token")]
    [InlineData("/settings/../../../oauth/v2/token")]
    [InlineData("/crm/oauth/v2/token")]
    [InlineData("/crm/v9/settings/portals")]
    [InlineData("//evil.example.com/steal")]
    [InlineData("/settings\\..\\..\\oauth")]
    [InlineData("/settings/portals?x=1")]
    [InlineData("/settings/%2F..%2F..%2Foauth")]
    public async Task RawRequestPath_LeavingTheCrmApi_IsRefused(string path)
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Emulator.RequestLog.Clear();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.Http.SendAsync(new ZohoRequest(System.Net.Http.HttpMethod.Post, path), r => r, default));
        Assert.Equal("InvalidRequestPath", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Theory]
    [InlineData("/settings/portals")]
    [InlineData("/crm/v8/settings/portals")]
    [InlineData("/crm/v5/settings/portals")]
    public async Task RawRequestPath_InsideTheCrmApi_IsSent(string path)
    {
        using var org = new EmulatedOrg();
        var response = await org.Client.Http.SendAsync(new ZohoRequest(System.Net.Http.HttpMethod.Get, path), r => r, default);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task NothingPublic_HandsOutTheAccessToken()
    {
        using var org = new EmulatedOrg();
        var task = org.Client.Http.EnsureTokenAsync(default);
        await task;
        var resultProperty = task.GetType().GetProperty("Result");
        Assert.True(resultProperty == null || resultProperty.PropertyType != typeof(string));
        // No public member of the core returns a string or Task<string> with "token" in its name.
        var leaks = typeof(ZohoPortalClient).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static))
            .Where(m => m.Name.Contains("Token", StringComparison.OrdinalIgnoreCase) && !m.Name.Contains("Cancellation", StringComparison.Ordinal))
            .Where(m => m is System.Reflection.PropertyInfo p && p.PropertyType == typeof(string)
                        || m is System.Reflection.MethodInfo mi && (mi.ReturnType == typeof(string) || mi.ReturnType == typeof(Task<string>)))
            .Select(m => m.DeclaringType!.Name + "." + m.Name)
            .Where(n => n != "ZohoEmulator.DemoRefreshToken" && n != "ZohoEmulator.CreateRefreshToken")
            .ToList();
        Assert.Empty(leaks);
    }

    /// <summary>A gateway that forwards to the emulator without its path prefix.</summary>
    private sealed class PrefixStripper(string prefix, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Seen.Enqueue(uri.AbsolutePath);
            if (!uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal)) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            request.RequestUri = new Uri(uri.GetLeftPart(UriPartial.Authority) + uri.PathAndQuery.Substring(prefix.Length));
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Answers the token request with the api_domain given, and every API call with an empty portal list.</summary>
    private sealed class FixedTokenAnswer(string apiDomain) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath.StartsWith("/oauth/", StringComparison.Ordinal)
                ? CapturingHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"1000.abcdefabcdef\",\"api_domain\":\"" + apiDomain + "\",\"expires_in\":3600}")
                : new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new StringContent(string.Empty) });
    }
}
