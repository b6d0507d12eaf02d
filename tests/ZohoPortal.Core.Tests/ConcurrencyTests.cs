using System.Net.Http;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// The independent calls of one command run together up to MaxConcurrency, in input order of
/// results, and the connection's gate is the one limit across commands (docs/reliability.md "Concurrency").
/// </summary>
public sealed class ConcurrencyTests
{
    private const string Portal = "ZylkerAutos";

    private static bool IsTransfer(HttpRequestMessage r) => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/action/transfer", StringComparison.Ordinal);

    private static async Task<List<string>> IdsAsync(EmulatedOrg org, string typeId)
    {
        var ids = new List<string>();
        await org.Client.ListUsersAsync(Portal, typeId, new PortalUserQuery(), page => ids.AddRange(page.Select(u => u.PersonalityId)));
        return ids;
    }

    [Fact]
    public async Task TransferBatches_RunTogether_UpToMaxConcurrency_ResultsInInputOrder()
    {
        var holder = new HoldingHandler(3, IsTransfer);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 3; });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = await IdsAsync(org, customers);
        var offsets = new List<int>();

        var results = await org.Client.RunUserPlanAsync(org.Client.PlanUserTransfer(Portal, customers, partners, ids), b => offsets.Add(b.Offset));

        Assert.True(holder.Reached, "The transfers never ran 3 at a time.");
        Assert.Equal(3, holder.Max);
        Assert.Equal(new[] { 0, 200, 400, 600, 800, 1000 }, offsets);
        Assert.Equal(ids, results.Select(r => r.GetDetail("personality_id")));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(6, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
    }

    [Fact]
    public async Task DeleteBatches_RunTogether()
    {
        var holder = new HoldingHandler(3, r => r.Method == HttpMethod.Delete);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1500, ContactCount = 0 },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 3; });
        var (customers, _) = await org.UserTypeIdsAsync();
        var ids = await IdsAsync(org, customers);

        var results = await org.Client.DeleteUsersAsync(Portal, customers, ids);

        Assert.True(holder.Reached, "The deletions never ran 3 at a time.");
        Assert.Equal(ids, results.Select(r => r.GetDetail("personality_id")));
        Assert.Empty(await IdsAsync(org, customers));
    }

    [Fact]
    public async Task StatusPlans_OfTwoUserTypes_ShareOneWindow_AndAreReportedInPlanOrder()
    {
        var holder = new HoldingHandler(4, r => r.Method == HttpMethod.Put);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 3, ContactCount = 0 },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 4; });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var users = new List<PortalUser>();
        foreach (var type in new[] { customers, partners })
            await org.Client.ListUsersAsync(Portal, type, new PortalUserQuery { Status = PortalUserStatus.ActiveConfirmed }, page => users.AddRange(page));
        var plans = users.GroupBy(u => u.UserTypeId).Select(g => org.Client.PlanUserStatusChange(Portal, g.Key!, g.Select(u => u.PersonalityId).ToList(), false)).ToList();
        Assert.Equal(2, plans.Count);
        var seen = new List<string>();

        await org.Client.RunUserPlansAsync(plans, (plan, batch) => seen.Add(plans[plan].UserTypeId + ":" + batch.Ids.Single()));

        // Two plans of fewer than 4 calls each: 4 in flight means the second started before the first finished.
        Assert.True(holder.Reached, "The status changes of the two user types never overlapped.");
        Assert.Equal(plans.SelectMany(p => p.Items.Select(i => p.UserTypeId + ":" + i)), seen);
        Assert.Equal(plans.Sum(p => p.Calls), org.Emulator.RequestLog.CountOf("PUT", "/actions/change_status"));
    }

    [Fact]
    public async Task Stop_WhileBatchesAreInFlight_FinishesThem_AndStartsNothingNew()
    {
        using var stop = new CancellationTokenSource();
        var holder = new HoldingHandler(3, IsTransfer) { OnArrive = n => { if (n == 3) stop.Cancel(); } };
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 3; });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = await IdsAsync(org, customers);
        var sending = new List<int>();
        org.Emulator.RequestLog.Clear();

        var results = await org.Client.TransferUsersAsync(Portal, customers, partners, ids, stopToken: stop.Token, onSending: (offset, _) => { lock (sending) sending.Add(offset); });

        Assert.Equal(new[] { 0, 200, 400 }, sending.OrderBy(o => o));
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
        Assert.Equal(ids.Take(600), results.Select(r => r.GetDetail("personality_id")));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(ids.Skip(600), await IdsAsync(org, customers));
    }

    [Fact]
    public async Task TwoCommandsOnOneConnection_NeverExceedMaxConcurrencyOnTheWire()
    {
        // Real latency keeps calls on the wire long enough to pile up if anything but the gate limited them.
        var holder = new HoldingHandler(3, IsTransfer);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1200, ContactCount = 0 },
            configureEmulator: e => { e.Latency = TimeSpan.FromMilliseconds(20); e.ConcurrencyLimit = 50; },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 3; });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var fromCustomers = await IdsAsync(org, customers);
        var fromPartners = await IdsAsync(org, partners);
        org.Emulator.ResetPeakInFlight();

        // Each command alone would keep 3 calls in flight: together they still get 3.
        var one = Task.Run(() => org.Client.TransferUsersAsync(Portal, customers, partners, fromCustomers));
        var two = Task.Run(() => org.Client.TransferUsersAsync(Portal, partners, customers, fromPartners));
        var results = await Task.WhenAll(one, two);

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.IsSuccess));
        Assert.True(holder.Reached);
        Assert.Equal(3, holder.Max);
        Assert.Equal(3, org.Emulator.PeakInFlight);
    }
}
