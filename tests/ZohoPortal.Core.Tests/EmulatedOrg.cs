using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>Collects trace lines so tests can check what -Verbose/-Debug would show.</summary>
public sealed class RecordingTracer : IZohoTracer
{
    private readonly object _gate = new();
    public List<(ZohoTraceLevel Level, string Message)> Lines { get; } = new();
    public bool IsEnabled(ZohoTraceLevel level) => true;
    public void Write(ZohoTraceLevel level, string message) { lock (_gate) Lines.Add((level, message)); }
    public string AllText() { lock (_gate) return string.Join("\n", Lines.Select(l => l.Message)); }
}

/// <summary>
/// An in-process emulator and a client wired to it through the real HTTP pipeline (HttpClient,
/// token provider, retry), sharing one fake clock.
/// </summary>
public sealed class EmulatedOrg : IDisposable
{
    private readonly EmulatorServer? _server;

    /// <param name="overLoopback">Serve the emulator on 127.0.0.1 and talk to it through .NET's real HTTP transport.</param>
    public EmulatedOrg(EmulatorSeed? seed = null, Action<EmulatorOptions>? configureEmulator = null, Action<ZohoConnectionOptions>? configureClient = null,
        bool overLoopback = false)
    {
        Clock = new FakeClock();
        var emulatorOptions = new EmulatorOptions { Seed = seed ?? new EmulatorSeed(), Clock = () => Clock.UtcNow, Wait = Clock.Delay, JobDelay = TimeSpan.Zero };
        configureEmulator?.Invoke(emulatorOptions);
        Emulator = new ZohoEmulator(emulatorOptions);
        if (overLoopback) _server = EmulatorServer.Start(Emulator);
        Options = new ZohoConnectionOptions
        {
            Transport = overLoopback ? null : Emulator.CreateHandler(),
            ApiBaseUrl = _server?.BaseUrl ?? emulatorOptions.BaseUrl,
            AccountsBaseUrl = _server?.BaseUrl ?? emulatorOptions.BaseUrl,
            Clock = Clock,
            Tracer = Tracer,
            RetryPolicy = new RetryPolicy(maxRetries: 6, seed: 42),
        };
        configureClient?.Invoke(Options);
        Client = new ZohoPortalClient(Options, new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, Emulator.DemoRefreshToken));
    }

    public FakeClock Clock { get; }
    public ZohoEmulator Emulator { get; }
    public ZohoConnectionOptions Options { get; }
    public ZohoPortalClient Client { get; }
    public RecordingTracer Tracer { get; } = new();

    /// <summary>The ids of the demo org's two user types: Customers (the default) and Partners.</summary>
    public async Task<(string Customers, string Partners)> UserTypeIdsAsync()
    {
        var types = await Client.GetUserTypesAsync("ZylkerAutos");
        return (types.Single(t => t.Default).Id, types.Single(t => t.Name == "Partners").Id);
    }

    /// <summary>A second client on the same emulator (fresh token cache, same refresh token).</summary>
    public ZohoPortalClient NewClient(ZohoCredential? credential = null) =>
        new(new ZohoConnectionOptions
        {
            Transport = Emulator.CreateHandler(),
            ApiBaseUrl = Emulator.Options.BaseUrl,
            AccountsBaseUrl = Emulator.Options.BaseUrl,
            Clock = Clock,
            RetryPolicy = new RetryPolicy(maxRetries: 6, seed: 7),
        }, credential ?? new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, Emulator.CreateRefreshToken()));

    public void Dispose()
    {
        Client.Dispose();
        _server?.Dispose();
    }
}
