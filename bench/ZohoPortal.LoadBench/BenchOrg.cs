using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.LoadBench;

/// <summary>
/// A fresh emulated org served on loopback with the benchmark's latency and concurrency limit,
/// the secrets a runbook reads (as environment variables), and a plain HTTP probe the harness
/// uses to check outcomes (with the latency switched off while it looks).
/// </summary>
internal sealed class BenchOrg : IDisposable
{
    public const string Portal = "ZylkerAutos";
    private readonly EmulatorServer _server;
    private readonly HttpClient _http;
    private readonly TimeSpan _latency;
    private string? _token;

    public BenchOrg(int usersPerUserType, int contactCount, TimeSpan latency, int concurrencyLimit, TimeSpan jobDelay)
    {
        _latency = latency;
        Emulator = new ZohoEmulator(new EmulatorOptions
        {
            Seed = new EmulatorSeed { UsersPerUserType = usersPerUserType, ContactCount = contactCount },
            Latency = latency,
            ConcurrencyLimit = concurrencyLimit,
            JobDelay = jobDelay,
        });
        _server = EmulatorServer.Start(Emulator);
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
        RefreshToken = Emulator.CreateRefreshToken();
    }

    public ZohoEmulator Emulator { get; }
    public string RefreshToken { get; }
    public Uri BaseUrl => _server.BaseUrl;

    public Dictionary<string, string?> Environment(int maxConcurrency) => new()
    {
        ["ZOHOPORTAL_MODULE"] = Repo.StagedModule,
        ["ZOHO_CLIENT_ID"] = ZohoEmulator.DemoClientId,
        ["ZOHO_CLIENT_SECRET"] = ZohoEmulator.DemoClientSecret,
        ["ZOHO_REFRESH_TOKEN"] = RefreshToken,
        ["ZOHO_API_BASE_URL"] = _server.BaseUrl.AbsoluteUri,
        ["ZOHO_ACCOUNTS_BASE_URL"] = _server.BaseUrl.AbsoluteUri,
        ["BENCH_MAX_CONCURRENCY"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BENCH_PORTAL"] = Portal,
    };

    /// <summary>Ids of contacts that have an email and are not portal users yet.</summary>
    public List<string> InvitableContacts(int count) =>
        Emulator.Org.GetRecords("Contacts").Where(r => !string.IsNullOrEmpty(r.Email) && !r.IsPortalUser).Take(count).Select(r => r.Id).ToList();

    /// <summary>Ids of the first portal users seeded (the default user type, Customers, is seeded first).</summary>
    public List<string> FirstPortalUsers(int count) =>
        Emulator.Org.GetRecords("Contacts").Where(r => r.IsPortalUser).Take(count).Select(r => r.Id).ToList();

    /// <summary>The requests the org answered since the last <see cref="StartMeasuring"/>.</summary>
    public IReadOnlyList<RequestLogEntry> Requests => Emulator.RequestLog.Entries;

    public void StartMeasuring()
    {
        Emulator.RequestLog.Clear();
        Emulator.ResetPeakInFlight();
    }

    /// <summary>How many users of a user type (by name) match a list filter such as AllUsers or ActiveConfirmedUsers.</summary>
    public async Task<int> CountAsync(string userType, string filter = "AllUsers")
    {
        var id = (await UserTypeIdsAsync())[userType];
        var page = await GetAsync("settings/portals/" + Portal + "/user_type/" + id + "/users?per_page=1&type=" + filter);
        return page == null ? 0 : page["info"]!["total_count"]!.GetValue<int>();
    }

    public async Task<Dictionary<string, string>> UserTypeIdsAsync()
    {
        var answer = await GetAsync("settings/portals/" + Portal + "/user_type");
        return answer!["user_type"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["id"]!.GetValue<string>());
    }

    private async Task<JsonNode?> GetAsync(string path)
    {
        Emulator.Options.Latency = TimeSpan.Zero;
        try
        {
            _token ??= await TokenAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/crm/v8/" + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", _token);
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException("Probe " + path + " answered " + (int)response.StatusCode + ": " + text);
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        finally
        {
            Emulator.Options.Latency = _latency;
        }
    }

    public async Task<string> TokenAsync()
    {
        var url = "/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
                  + "&client_secret=" + Uri.EscapeDataString(ZohoEmulator.DemoClientSecret) + "&refresh_token=" + Uri.EscapeDataString(Emulator.DemoRefreshToken);
        using var response = await _http.PostAsync(url, null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
