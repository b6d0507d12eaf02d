using BenchmarkDotNet.Attributes;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Bench;

/// <summary>
/// The core's hot paths against the in-process emulator: listing thousands of users page by page
/// and moving them in 200-user batches. Numbers include the emulator's own work (it is the
/// server here), so they bound the client's overhead from above.
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private ZohoEmulator _emulator = null!;
    private ZohoPortalClient _client = null!;
    private string _from = string.Empty;
    private string _to = string.Empty;
    private List<string> _ids = new();

    [Params(1050, 5000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _emulator = new ZohoEmulator(new EmulatorOptions { Seed = new EmulatorSeed { UsersPerUserType = Users, ContactCount = 0 } });
        _client = new ZohoPortalClient(
            new ZohoConnectionOptions { Transport = _emulator.CreateHandler(), ApiBaseUrl = _emulator.Options.BaseUrl, AccountsBaseUrl = _emulator.Options.BaseUrl },
            new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, _emulator.DemoRefreshToken));
        var types = _client.GetUserTypesAsync("ZylkerAutos").GetAwaiter().GetResult();
        _from = types.Single(t => t.Default).Id;
        _to = types.Single(t => !t.Default).Id;
        _ids = ListAll(_from).Result.Select(u => u.PersonalityId).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Description = "List every user of a type (200 per page)")]
    public async Task<int> ListUsers() => (await ListAll(_from)).Count;

    [Benchmark(Description = "Move every user to another type and back (200 per call)")]
    public async Task<int> MoveUsersThereAndBack()
    {
        var there = await _client.TransferUsersAsync("ZylkerAutos", _from, _to, _ids);
        var back = await _client.TransferUsersAsync("ZylkerAutos", _to, _from, _ids);
        return there.Count + back.Count;
    }

    private async Task<List<PortalUser>> ListAll(string typeId)
    {
        var all = new List<PortalUser>();
        for (var page = 1; ; page++)
        {
            var p = await _client.GetUsersPageAsync("ZylkerAutos", typeId, PortalUserStatus.All, page);
            all.AddRange(p.Users);
            if (p.Info?.MoreRecords != true) return all;
        }
    }
}
