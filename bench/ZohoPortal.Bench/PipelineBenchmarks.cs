using BenchmarkDotNet.Attributes;

namespace ZohoPortal.Bench;

/// <summary>
/// What users type, through the staged module in a hosted PowerShell 7.6 runspace, against the
/// in-process emulator (New-ZohoPortalEmulator | Connect-ZohoPortal). Compared with <see cref="CoreBenchmarks"/>,
/// the difference is the cost of the cmdlets and of PowerShell's pipeline.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    // The second Move-PortalUser takes the users with their new user type from -PassThru, so each
    // run ends where it started and needs no reseeding.
    private const string MoveThereAndBackScript =
        "Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -PassThru | Move-PortalUser -Destination Customers";

    private const string FirstFiveScript = "Get-PortalUser -First 5";

    private HostedModule _ps = null!;

    [Params(1050, 5000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ps = new HostedModule();
        _ps.Run("New-ZohoPortalEmulator -UsersPerUserType " + Users + " -ContactCount 0 | Connect-ZohoPortal");
        var batches = (Users + 199) / 200;

        _ps.ClearRequestLog();
        _ps.Run(MoveThereAndBackScript);
        HostedModule.Expect(_ps.Calls("GET", "/users") == batches, batches + " pages listed for " + Users + " users");
        HostedModule.Expect(_ps.Calls("POST", "/users/action/transfer") == 2 * batches, batches + " transfer calls each way for " + Users + " users");
        HostedModule.Expect(_ps.Get<int>("@(Get-PortalUser -UserType Customers).Count") == Users, "every user back in Customers");
        HostedModule.Expect(_ps.Get<int>("@(Get-PortalUser -UserType Partners).Count") == Users, "Partners as seeded");

        _ps.ClearRequestLog();
        HostedModule.Expect(_ps.Run(FirstFiveScript).Count == 5, "Get-PortalUser -First 5 writes 5 users");
        HostedModule.Expect(_ps.Calls("GET", "/users") == 1, "Get-PortalUser -First 5 reads one page");
    }

    [GlobalCleanup]
    public void Cleanup() => _ps.Dispose();

    [Benchmark(Description = "Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -PassThru | Move-PortalUser -Destination Customers")]
    public int MoveThereAndBack() => _ps.Run(MoveThereAndBackScript).Count;

    [Benchmark(Description = "Get-PortalUser -First 5")]
    public int FirstFive() => _ps.Run(FirstFiveScript).Count;
}

/// <summary>
/// Bulk invitations waited for, through the hosted module. A contact can be invited once, so
/// every iteration gets a fresh emulated org, seeded outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class PipelineInviteBenchmarks
{
    private const int Contacts = 1000;
    private const string InviteScript = "$contacts | Send-PortalInvite -UserType Customers -Wait -Force -ErrorAction SilentlyContinue";

    private HostedModule _ps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ps = new HostedModule();
        Seed();
        _ps.ClearRequestLog();
        var results = _ps.Run(InviteScript);
        var jobs = (Contacts + 99) / 100;
        // The seeded org leaves one contact in 25 without an email, which Zoho refuses to invite.
        var refused = Contacts / 25;
        HostedModule.Expect(results.Count == Contacts, "one result per contact");
        HostedModule.Expect(results.Count(r => (string)r.Properties["Status"].Value == "success") == Contacts - refused, (Contacts - refused) + " contacts invited");
        HostedModule.Expect(_ps.Calls("POST", "/Contacts/actions/portal_invite") == jobs, jobs + " bulk requests of 100");
        // More job checks than jobs would mean the wait slept between checks: the benchmark would time the clock.
        HostedModule.Expect(_ps.Calls("GET", "/Contacts/actions/portal_invite") == jobs, "one check per job, no pause");
    }

    [IterationSetup]
    public void Seed()
    {
        _ps.Run("Disconnect-ZohoPortal -ErrorAction SilentlyContinue; New-ZohoPortalEmulator -UsersPerUserType 0 -ContactCount " + Contacts + " | Connect-ZohoPortal");
        // Zoho takes seconds per job; the emulator's default 300 ms would make the benchmark time sleeps.
        _ps.Run("Set-ZohoPortalEmulator -JobDelayMilliseconds 0");
        _ps.Run("$contacts = (Get-ZohoPortalConnection).Emulator.Org.GetRecords('Contacts')");
    }

    [GlobalCleanup]
    public void Cleanup() => _ps.Dispose();

    [Benchmark(Description = "$contacts | Send-PortalInvite -UserType Customers -Wait -Force (1,000 contacts)")]
    public int InviteAndWait() => _ps.Run(InviteScript).Count;
}
