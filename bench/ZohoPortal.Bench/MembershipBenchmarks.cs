using BenchmarkDotNet.Attributes;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Bench;

/// <summary>
/// Membership sync: planning alone (the comparison of a list with the portal's users, no
/// requests), and reading the portal plus planning against the in-process emulator (the
/// listing calls included), for a list as long as the portal.
/// </summary>
[MemoryDiagnoser]
public class MembershipBenchmarks
{
    private ZohoEmulator _emulator = null!;
    private ZohoPortalClient _client = null!;
    private PortalMembershipSnapshot _snapshot = null!;
    private List<PortalMembershipRow> _rows = new();

    /// <summary>Portal users in each of the two user types; the list names all but one in ten, half of them by email.</summary>
    [Params(5000, 50000)]
    public int UsersPerType { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _emulator = new ZohoEmulator(new EmulatorOptions { Seed = new EmulatorSeed { UsersPerUserType = UsersPerType, ContactCount = 0 } });
        _client = new ZohoPortalClient(
            new ZohoConnectionOptions { Transport = _emulator.CreateHandler(), ApiBaseUrl = _emulator.Options.BaseUrl, AccountsBaseUrl = _emulator.Options.BaseUrl },
            new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, _emulator.DemoRefreshToken));
        _snapshot = new PortalMembershipSync(_client).ReadAsync("ZylkerAutos").GetAwaiter().GetResult();
        _rows = _snapshot.Users.Where((u, i) => i % 10 != 0).Select((u, i) => new PortalMembershipRow
        {
            RecordId = i % 2 == 0 ? u.PersonalityId : null,
            Email = i % 2 == 0 ? null : u.Email,
            // One in five listed in the other type: a move.
            UserTypeName = i % 5 == 0 ? (u.UserTypeName == "Customers" ? "Partners" : "Customers") : u.UserTypeName,
            Row = i + 1,
        }).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Description = "Plan a sync (no requests)")]
    public int Plan() => MembershipPlanner.Plan("ZylkerAutos", _rows, _snapshot.UserTypes, _snapshot.Users, PortalUserAbsentAction.Disable).Steps.Count;

    [Benchmark(Description = "Read the portal and plan (200 users per list call)")]
    public async Task<int> ReadAndPlan() =>
        (await new PortalMembershipSync(_client).PlanAsync("ZylkerAutos", _rows, PortalUserAbsentAction.Disable)).Steps.Count;
}
