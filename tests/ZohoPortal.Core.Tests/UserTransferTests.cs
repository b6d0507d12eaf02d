using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

public sealed class UserTransferTests
{
    [Fact]
    public async Task Transfer_450Users_MakesThreeCallsAndMovesEveryone()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450 });
        var types = await org.Client.GetUserTypesAsync("ZylkerAutos");
        var customers = types.Single(t => t.Default);
        var partners = types.Single(t => t.Name == "Partners");
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var p = await org.Client.GetUsersPageAsync("ZylkerAutos", customers.Id, PortalUserStatus.All, page);
            ids.AddRange(p.Users.Select(u => u.PersonalityId));
            if (p.Info?.MoreRecords != true) break;
        }
        Assert.Equal(450, ids.Count);
        org.Emulator.RequestLog.Clear();

        var batches = new List<int>();
        var results = await org.Client.TransferUsersAsync("ZylkerAutos", customers.Id, partners.Id, ids, b => batches.Add(b.Ids.Count));

        Assert.Equal(new[] { 200, 200, 50 }, batches);
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("POST", "/users/action/transfer"));
        Assert.All(results, r => Assert.Equal("SUCCESS", r.Code));
        Assert.Equal(ids, results.Select(r => r.GetDetail("personality_id")));
        var after = await org.Client.GetUserTypesAsync("ZylkerAutos");
        Assert.Equal(900, after.Single(t => t.Id == partners.Id).UserCount);
        Assert.Equal(0, after.Single(t => t.Id == customers.Id).UserCount);
    }

    [Fact]
    public async Task Transfer_MixedBatch_ReportsTheBadIdAndMovesTheRest()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 5 });
        var types = await org.Client.GetUserTypesAsync("ZylkerAutos");
        var from = types.Single(t => t.Default);
        var to = types.Single(t => !t.Default);
        var ids = (await org.Client.GetUsersPageAsync("ZylkerAutos", from.Id)).Users.Select(u => u.PersonalityId).ToList();
        ids.Insert(2, "1306462000099999999");

        var results = await org.Client.TransferUsersAsync("ZylkerAutos", from.Id, to.Id, ids);

        Assert.Equal(6, results.Count);
        var bad = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal("INVALID_DATA", bad.Code);
        Assert.Equal("1306462000099999999", bad.GetDetail("personality_id"));
        Assert.Equal(207, org.Emulator.RequestLog.Entries.Last().Status);
    }

    [Fact]
    public async Task GetUsersPage_EmptyType_Is204AndEmpty()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 0 });
        var type = (await org.Client.GetUserTypesAsync("ZylkerAutos")).First();
        var page = await org.Client.GetUsersPageAsync("ZylkerAutos", type.Id);
        Assert.Empty(page.Users);
        Assert.Equal(204, org.Emulator.RequestLog.Entries.Last().Status);
    }
}
