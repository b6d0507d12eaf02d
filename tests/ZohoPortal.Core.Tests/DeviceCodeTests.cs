using System.Text.Json.Nodes;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Zoho's device authorization against the emulator, on a fake clock shared by both sides: polls
/// wait by advancing emulated time, and the emulator's poll hook plays the person at the browser.
/// </summary>
public sealed class DeviceCodeTests
{
    private sealed class DeviceOrg : IDisposable
    {
        public DeviceOrg(Action<EmulatorOptions>? configure = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null, bool overrideAccounts = true)
        {
            Org = new EmulatedOrg(configureEmulator: configure);
            Wire = new CapturingHandler(Org.Emulator.CreateHandler());
            Credential = new DeviceCodeCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, p => Prompts.Add(p));
            Client = new ZohoPortalClient(new ZohoConnectionOptions
            {
                Transport = wrap == null ? Wire : wrap(Wire),
                ApiBaseUrl = Org.Emulator.Options.BaseUrl,
                AccountsBaseUrl = overrideAccounts ? Org.Emulator.Options.BaseUrl : null,
                Clock = Org.Clock,
                Tracer = Org.Tracer,
                RetryPolicy = new RetryPolicy(maxRetries: 6, seed: 5),
            }, Credential);
        }

        public EmulatedOrg Org { get; }
        public ZohoEmulator Emulator => Org.Emulator;
        public CapturingHandler Wire { get; }
        public DeviceCodeCredential Credential { get; }
        public ZohoPortalClient Client { get; }
        public List<DeviceCodePrompt> Prompts { get; } = new();
        public List<string> Answers { get; } = new();

        /// <summary>Records every poll's answer and lets <paramref name="person"/> act after the n-th one.</summary>
        public void OnPoll(Action<string, string, int> person) =>
            Emulator.DeviceTokenPolled += (userCode, answer) =>
            {
                int n;
                lock (Answers) { Answers.Add(answer); n = Answers.Count; }
                person(userCode, answer, n);
            };

        public List<string> Paths() => Emulator.RequestLog.Entries.Select(e => e.Path).ToList();

        public void Dispose()
        {
            Client.Dispose();
            Org.Dispose();
        }
    }

    [Fact]
    public async Task ApprovedAfterTwoPendingPolls_Connects_ThenRenewsWithTheRefreshToken_WithoutAskingAgain()
    {
        using var d = new DeviceOrg();
        d.OnPoll((code, answer, n) => { if (n == 2) Assert.Null(d.Emulator.DecideDeviceCode(code, approve: true)); });

        Assert.Single(await d.Client.GetPortalsAsync());

        var prompt = Assert.Single(d.Prompts);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", prompt.UserCode);
        Assert.EndsWith("/oauth/v3/device", prompt.VerificationUrl.AbsoluteUri);
        Assert.Contains(prompt.UserCode, prompt.Message(d.Org.Clock.UtcNow));
        Assert.Equal(new[] { "authorization_pending", "authorization_pending", "granted" }, d.Answers);
        // Zoho's interval (30000 ms) between polls, on the shared clock.
        Assert.Equal(new[] { TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30) }, d.Org.Clock.Delays.Take(3));
        var request = JsonForm(d.Wire.Exchanges.Single(e => e.Path == "/oauth/v3/device/code").RequestBody);
        Assert.Equal("device_request", request["grant_type"]);
        Assert.Equal("offline", request["access_type"]);
        Assert.Equal(ZohoScopes.Default, request["scope"]);

        d.Org.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Single(await d.Client.GetPortalsAsync());
        Assert.Equal(2, d.Client.Http.TokenRefreshCount);
        Assert.Single(d.Paths(), p => p == "/oauth/v3/device/code");
        Assert.Equal("refresh_token", JsonForm(d.Wire.Exchanges.Single(e => e.Path == "/oauth/v2/token").RequestBody)["grant_type"]);
    }

    [Fact]
    public async Task SlowDown_MakesTheNextPollsWaitThirtySeconds()
    {
        // The emulator tells the device 5 s but holds it to Zoho's 30 s, as Zoho's slow_down does.
        using var d = new DeviceOrg(o => { o.DevicePollInterval = TimeSpan.FromSeconds(30); o.DevicePollIntervalAnnounced = TimeSpan.FromSeconds(5); });
        d.OnPoll((code, answer, n) => { if (answer == "slow_down") d.Emulator.DecideDeviceCode(code, approve: true); });

        Assert.Single(await d.Client.GetPortalsAsync());

        Assert.Equal(new[] { "authorization_pending", "slow_down", "granted" }, d.Answers);
        Assert.Equal(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30) }, d.Org.Clock.Delays.Take(3));
    }

    [Fact]
    public async Task OtherDc_MovesPollingAndRenewalToTheUsersDataCentre()
    {
        using var d = new DeviceOrg();
        d.OnPoll((code, answer, n) => { if (n == 1) d.Emulator.DecideDeviceCode(code, approve: true, userLocation: "eu"); });

        Assert.Single(await d.Client.GetPortalsAsync());
        d.Org.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Single(await d.Client.GetPortalsAsync());

        Assert.Equal(new[] { "authorization_pending", "other_dc", "granted" }, d.Answers);
        var accounts = d.Paths().Where(p => p.Contains("/oauth/")).ToList();
        Assert.Equal(new[] { "/oauth/v3/device/code", "/oauth/v3/device/token", "/oauth/v3/device/token", "/dc/eu/oauth/v3/device/token", "/dc/eu/oauth/v2/token" }, accounts);
    }

    [Fact]
    public async Task OtherDc_OnZohoItself_PollsTheNamedDataCentresAccountsServer()
    {
        // No -AccountsBaseUrl: the client must go to accounts.zoho.eu because Zoho said "eu".
        // The rewriter stands in for DNS, sending that host to the emulator's EU accounts server.
        HostToDataCentre? rewriter = null;
        using var d = new DeviceOrg(wrap: inner => rewriter = new HostToDataCentre(inner), overrideAccounts: false);
        d.OnPoll((code, answer, n) => { if (n == 1) d.Emulator.DecideDeviceCode(code, approve: true, userLocation: "eu"); });

        Assert.Single(await d.Client.GetPortalsAsync());

        Assert.Contains(d.Wire.Exchanges, e => e.Path == "/dc/eu/oauth/v3/device/token" && e.Status == 200 && e.ResponseBody.Contains("access_token"));
        Assert.Contains("https://accounts.zoho.com/oauth/v3/device/code", rewriter!.Seen);
        Assert.Contains("https://accounts.zoho.eu/oauth/v3/device/token", rewriter.Seen);
    }

    [Fact]
    public async Task Denied_EndsWithAccessDenied_Explained_AndStopsPolling()
    {
        using var d = new DeviceOrg();
        d.OnPoll((code, answer, n) => { if (n == 1) d.Emulator.DecideDeviceCode(code, approve: false); });

        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => d.Client.GetPortalsAsync());

        Assert.Equal("access_denied", e.Code);
        Assert.Contains("rejected", e.Message);
        Assert.Contains("-UseDeviceCode", e.Message);
        Assert.False(e.IsCredentialError);
        Assert.Equal(new[] { "authorization_pending", "access_denied" }, d.Answers);
        Assert.DoesNotContain(d.Paths(), p => p.StartsWith("/crm/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_EndsWithExpired_Explained()
    {
        using var d = new DeviceOrg();
        d.OnPoll((code, answer, n) => { if (n == 1) d.Emulator.ExpireDeviceCodes(); });

        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => d.Client.GetPortalsAsync());

        Assert.Equal("expired", e.Code);
        Assert.Contains("expired", e.Message);
        Assert.Contains("again", e.Message);
        Assert.Equal(new[] { "authorization_pending", "expired" }, d.Answers);
    }

    [Fact]
    public async Task NobodyAnswers_TheCodesLifetimeEndsTheWait_OnTheClock()
    {
        using var d = new DeviceOrg(o => o.DeviceCodeLifetime = TimeSpan.FromMinutes(2));
        d.OnPoll((_, _, _) => { });

        var e = await Assert.ThrowsAsync<ZohoAuthenticationException>(() => d.Client.GetPortalsAsync());

        Assert.Equal("expired", e.Code);
        Assert.Equal(3, d.Answers.Count(a => a == "authorization_pending")); // polls at 30, 60, 90 s; 120 s hears expired
        Assert.Equal("expired", d.Answers.Last());
    }

    [Fact]
    public async Task Cancelled_WhileWaiting_StopsAtOnce()
    {
        using var d = new DeviceOrg();
        using var stop = new CancellationTokenSource();
        d.OnPoll((_, _, n) => { if (n == 1) stop.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => d.Client.Http.EnsureTokenAsync(stop.Token));

        Assert.Single(d.Answers);
        Assert.DoesNotContain(d.Paths(), p => p == "/oauth/v2/token");
    }

    [Fact]
    public async Task DeviceCodeAndTokens_NeverReachTheTrace_ButTheUserCodeIsShown()
    {
        using var d = new DeviceOrg();
        d.OnPoll((code, answer, n) => { if (n == 1) d.Emulator.DecideDeviceCode(code, approve: true); });

        await d.Client.GetPortalsAsync();
        d.Org.Clock.Advance(TimeSpan.FromMinutes(61));
        await d.Client.GetPortalsAsync();

        var issued = JsonNode.Parse(d.Wire.Exchanges.Single(e => e.Path == "/oauth/v3/device/code").ResponseBody)!;
        var granted = JsonNode.Parse(d.Wire.Exchanges.Last(e => e.Path == "/oauth/v3/device/token").ResponseBody)!;
        var secrets = new[] { (string)issued["device_code"]!, (string)granted["access_token"]!, (string)granted["refresh_token"]!, ZohoEmulator.DemoClientSecret };
        var trace = d.Org.Tracer.AllText();
        Assert.Contains("Device code response body", trace); // bodies were traced, so the scan scanned them
        Assert.Contains("Device token response body", trace);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, trace);
        Assert.Contains((string)issued["user_code"]!, d.Prompts.Single().UserCode);
    }

    [Theory]
    [InlineData(30000L, 1000L, 30)]
    [InlineData(30L, 1000L, 30)]
    [InlineData(300000L, 3600L, 300)]
    [InlineData(300L, 3600L, 300)]
    [InlineData(null, 1000L, 30)]
    public void Durations_AreReadInZohosMillisecondsOrInSeconds(long? value, long millisecondsFrom, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeviceCodeFlow.Duration(value, millisecondsFrom, TimeSpan.FromSeconds(30)));

    private static Dictionary<string, string> JsonForm(string? body) =>
        (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => System.Net.WebUtility.UrlDecode(p[0]), p => System.Net.WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty));

    /// <summary>Sends accounts.zoho.{dc} to the emulator's accounts server of that data centre (/dc/{dc}/...), and remembers where requests went.</summary>
    private sealed class HostToDataCentre : DelegatingHandler
    {
        private readonly List<string> _mine = new();

        public HostToDataCentre(HttpMessageHandler inner) : base(inner) { }

        public List<string> Seen { get { lock (_mine) return _mine.ToList(); } }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            lock (_mine) _mine.Add(url.GetLeftPart(UriPartial.Path));
            if (url.Host == "accounts.zoho.eu")
                request.RequestUri = new Uri("https://accounts.zoho.com/dc/eu" + url.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class IssuedRefreshTokenTests
{
    [Fact]
    public async Task GrantCode_HandsItsRefreshTokenBackOnce_AsASecureString_AndKeepsUsingIt()
    {
        using var org = new EmulatedOrg();
        var credential = new GrantTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, org.Emulator.CreateGrantCode());
        Assert.Null(credential.TakeIssuedRefreshToken()); // nothing before sign-in
        using var client = org.NewClient(credential);
        await client.GetPortalsAsync();

        var first = credential.TakeIssuedRefreshToken();
        Assert.NotNull(first);
        Assert.True(first!.IsReadOnly());
        Assert.Null(credential.TakeIssuedRefreshToken()); // once only
        org.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Single(await client.GetPortalsAsync()); // the connection still renews with its own copy

        // What was handed back is the issued refresh token: a new session connects with it.
        var pointer = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(first);
        string kept;
        try { kept = System.Runtime.InteropServices.Marshal.PtrToStringUni(pointer)!; }
        finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        using var later = org.NewClient(new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, kept));
        Assert.Single(await later.GetPortalsAsync());
    }
}
