using BenchmarkDotNet.Attributes;

namespace ZohoPortal.Bench;

/// <summary>
/// The documented scale: 100,000 portal users of one user type listed through the module (200 per
/// page, 500 pages) in a hosted PowerShell runspace, the emulator in-process. Users per second =
/// Users / Mean. The emulator answers every page from its per-user-type index, so what is timed
/// is the module, not the emulator scanning its org.
/// </summary>
[MemoryDiagnoser]
public class PipelineListingBenchmarks
{
    private const string ListScript = "@(Get-PortalUser -UserType Customers).Count";

    private HostedModule _ps = null!;

    [Params(100_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ps = new HostedModule();
        // Both seeded user types get this many users: the org holds twice as many as are listed.
        _ps.Run("New-ZohoPortalEmulator -UsersPerUserType " + Users + " -ContactCount 0 | Connect-ZohoPortal");
        _ps.ClearRequestLog();
        HostedModule.Expect(_ps.Get<int>(ListScript) == Users, "every user of Customers listed");
        HostedModule.Expect(_ps.Calls("GET", "/users") == (Users + 199) / 200, "one call per 200 users");
    }

    [GlobalCleanup]
    public void Cleanup() => _ps.Dispose();

    [Benchmark(Description = "@(Get-PortalUser -UserType Customers).Count")]
    public int ListEveryUser() => _ps.Get<int>(ListScript);
}
