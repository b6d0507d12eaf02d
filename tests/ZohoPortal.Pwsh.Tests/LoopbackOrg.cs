using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// A fresh emulated org served on 127.0.0.1 by this test process, and the environment a runbook
/// reads its secrets from. The request log is read here after the child pwsh has exited.
/// </summary>
internal sealed class LoopbackOrg : IDisposable
{
    private readonly EmulatorServer _server;

    public LoopbackOrg(int usersPerUserType = 25, int contactCount = 50, Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            Seed = new EmulatorSeed { UsersPerUserType = usersPerUserType, ContactCount = contactCount },
            JobDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        Emulator = new ZohoEmulator(options);
        _server = EmulatorServer.Start(Emulator);
        RefreshToken = Emulator.CreateRefreshToken();
    }

    public ZohoEmulator Emulator { get; }
    public string RefreshToken { get; }

    /// <summary>The secrets a runbook gets from its automation account, here as environment variables.</summary>
    public IDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["ZOHOPORTAL_MODULE"] = Repo.StagedModule,
        ["ZOHO_CLIENT_ID"] = ZohoEmulator.DemoClientId,
        ["ZOHO_ORG_ID"] = ZohoEmulator.DemoOrganizationId,
        ["ZOHO_CLIENT_SECRET"] = ZohoEmulator.DemoClientSecret,
        ["ZOHO_REFRESH_TOKEN"] = RefreshToken,
        ["ZOHO_API_BASE_URL"] = _server.BaseUrl.AbsoluteUri,
        ["ZOHO_ACCOUNTS_BASE_URL"] = _server.BaseUrl.AbsoluteUri,
    };

    /// <summary>Every request that could change the org: anything but GET on the CRM API.</summary>
    public List<RequestLogEntry> ChangeRequests() =>
        Emulator.RequestLog.Entries.Where(e => e.Method != "GET" && e.Path.StartsWith("/crm/", StringComparison.Ordinal)).ToList();

    /// <summary>The loopback server's address (the verification page of the device flow lives there).</summary>
    public Uri BaseUrl => _server.BaseUrl;

    public void Dispose() => _server.Dispose();
}
