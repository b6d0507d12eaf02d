using ZohoPortal.Core.Membership;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// A stopped sync (Ctrl+C) starts nothing new, lets the call in flight finish and report, and
/// gives every other step Outcome NotRun. The moment of the stop is the held call's arrival
/// (HoldingHandler), never a timer; the request log shows what was sent.
/// </summary>
public sealed class MembershipSyncStopTests
{
    private const string Portal = "ZylkerAutos";

    private static bool IsTransfer(HttpRequestMessage r) => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/action/transfer", StringComparison.Ordinal);
    private static bool IsInvite(HttpRequestMessage r) => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/actions/portal_invite", StringComparison.Ordinal);
    private static IEnumerable<Emulator.Http.RequestLogEntry> Api(EmulatedOrg org) => org.Emulator.RequestLog.Entries.Where(e => e.Path.StartsWith("/crm/", StringComparison.Ordinal));
    private static Task<bool> Yes(PortalUserSyncOperation _) => Task.FromResult(true);

    /// <summary>An org whose first matching request stops the run as it reaches the emulator.</summary>
    private static (EmulatedOrg Org, CancellationTokenSource Stop) HeldOrg(EmulatorSeed seed, Func<HttpRequestMessage, bool> held)
    {
        var stop = new CancellationTokenSource();
        var holder = new HoldingHandler(1, held) { OnArrive = n => { if (n == 1) stop.Cancel(); } };
        var org = new EmulatedOrg(seed, configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 1; });
        return (org, stop);
    }

    private static PortalMembershipRow Row(List<PortalMembershipRow> rows, string id, string type) => new() { RecordId = id, UserTypeName = type, Row = rows.Count + 1 };

    private static void AssertOneResultPerStep(IReadOnlyList<PortalUserSyncStep> steps, List<PortalUserSyncResult> results)
    {
        Assert.Equal(steps.Count, results.Count);
        Assert.Equal(steps.Count, results.Select(r => r.Step).Distinct().Count());
        Assert.All(results, r => Assert.Contains(r.Step!, steps));
    }

    [Fact]
    public async Task StopWhileATransferIsHeld_TheTransferFinishesAndReports_NothingElseIsSent_TheRestIsNotRun()
    {
        var (org, stop) = HeldOrg(new EmulatorSeed { UsersPerUserType = 10, ContactCount = 4 }, IsTransfer);
        using var _org = org;
        using var _stop = stop;
        var sync = new PortalMembershipSync(org.Client);
        var snapshot = await sync.ReadAsync(Portal);
        var rows = new List<PortalMembershipRow>();
        var customers = snapshot.Users.Where(u => u.UserTypeName == "Customers").ToList();
        var partners = snapshot.Users.Where(u => u.UserTypeName == "Partners").ToList();
        var absent = partners.Where(u => u.Confirmed && u.Active).Skip(5).Take(2).Select(u => u.PersonalityId).ToHashSet();
        Assert.Equal(2, absent.Count);
        // 3 Customers to Partners (the held transfer), 2 Partners to Customers, 2 contacts invited, 2 absent deactivated.
        foreach (var (user, i) in customers.Select((u, i) => (u, i))) rows.Add(Row(rows, user.PersonalityId, i < 3 ? "Partners" : "Customers"));
        foreach (var (user, i) in partners.Where(u => !absent.Contains(u.PersonalityId)).Select((u, i) => (u, i))) rows.Add(Row(rows, user.PersonalityId, i < 2 ? "Customers" : "Partners"));
        foreach (var contact in org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser && r.Email != null).Take(2)) rows.Add(Row(rows, contact.Id, "Customers"));
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.Equal((5, 2, 2), (plan.Count(PortalUserSyncAction.Move), plan.Count(PortalUserSyncAction.Invite), plan.Count(PortalUserSyncAction.Disable)));
        org.Emulator.RequestLog.Clear();
        var sending = new List<PortalUserSyncStep>();

        var results = await sync.ApplyAsync(plan.Steps, Yes, stopToken: stop.Token, onSending: s => { lock (sending) sending.AddRange(s); });

        Assert.True(stop.IsCancellationRequested);
        AssertOneResultPerStep(plan.Steps, results);
        // The held transfer is the only request: no second transfer, no job listing, no invitation, no status change.
        var log = Api(org).ToList();
        Assert.Single(log);
        Assert.Equal("POST", log[0].Method);
        Assert.EndsWith("/users/action/transfer", log[0].Path);
        var moved = results.Where(r => r.Outcome == PortalUserSyncOutcome.Done).ToList();
        Assert.Equal(3, moved.Count);
        Assert.All(moved, r => Assert.Equal("Partners", r.UserTypeName));
        Assert.Equal(moved.Select(r => r.Step), sending);
        Assert.Equal(6, results.Count(r => r.Outcome == PortalUserSyncOutcome.NotRun));
        Assert.Equal(new[] { "Disable", "Disable", "Invite", "Invite", "Move", "Move" },
            results.Where(r => r.Outcome == PortalUserSyncOutcome.NotRun).Select(r => r.Action.ToString()).OrderBy(a => a, StringComparer.Ordinal));
        Assert.All(results.Where(r => r.Outcome == PortalUserSyncOutcome.NotRun), r => Assert.False(r.IsSuccess));
        Assert.Equal(plan.Steps.Count - 9, results.Count(r => r.Outcome == PortalUserSyncOutcome.Unchanged));

        // The same list again plans exactly what was not run, and after it nothing is left.
        var again = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.Equal((2, 2, 2), (again.Count(PortalUserSyncAction.Move), again.Count(PortalUserSyncAction.Invite), again.Count(PortalUserSyncAction.Disable)));
        var rerun = await sync.ApplyAsync(again.Steps, Yes);
        Assert.All(rerun, r => Assert.True(r.IsSuccess, r + " " + r.Code + " " + r.Message));
        var last = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.DoesNotContain(last.Steps, s => s.IsChange);
    }

    [Fact]
    public async Task StopWhileABulkInviteIsHeld_ItsJobIsCheckedAndReported_TheNextRequestIsNotSent()
    {
        var (org, stop) = HeldOrg(new EmulatorSeed { UsersPerUserType = 3, ContactCount = 160 }, IsInvite);
        using var _org = org;
        using var _stop = stop;
        var sync = new PortalMembershipSync(org.Client);
        var snapshot = await sync.ReadAsync(Portal);
        var rows = new List<PortalMembershipRow>();
        foreach (var user in snapshot.Users) rows.Add(Row(rows, user.PersonalityId, user.UserTypeName!));
        var contacts = org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser && r.Email != null).Take(150).Select(r => r.Id).ToList();
        Assert.Equal(150, contacts.Count);
        foreach (var id in contacts) rows.Add(Row(rows, id, "Customers"));
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Leave);
        Assert.Equal(150, plan.Count(PortalUserSyncAction.Invite));
        org.Emulator.RequestLog.Clear();
        var sending = new List<PortalUserSyncStep>();

        var results = await sync.ApplyAsync(plan.Steps, Yes, stopToken: stop.Token, onSending: s => { lock (sending) sending.AddRange(s); });

        AssertOneResultPerStep(plan.Steps, results);
        var log = Api(org).ToList();
        // One invitation request of the two planned (100 + 50); the job list read before sending and once after the stop.
        Assert.Equal(1, log.Count(e => e.Method == "POST"));
        Assert.Equal(2, log.Count(e => e.Method == "GET" && e.Path.EndsWith("/actions/portal_invite", StringComparison.Ordinal)));
        Assert.Equal(3, log.Count);
        var sent = sending.Select(s => s.PersonalityId).ToList();
        Assert.Equal(100, sent.Distinct().Count());
        Assert.Equal(sent, sync.Operations(plan.Steps).Single().Steps.Take(100).Select(s => s.PersonalityId));
        var notSent = contacts.Except(sent).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.Equal(50, notSent.Count);
        var invites = results.Where(r => r.Action == PortalUserSyncAction.Invite).ToList();
        Assert.Equal("", string.Join(";", invites.Where(r => r.Outcome != PortalUserSyncOutcome.Done && r.Outcome != PortalUserSyncOutcome.NotRun).Select(r => r + " " + r.Code + " " + r.Message)));
        Assert.Equal(sent.OrderBy(i => i, StringComparer.Ordinal), invites.Where(r => r.Outcome == PortalUserSyncOutcome.Done).Select(r => r.PersonalityId).OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(invites.Where(r => r.Outcome == PortalUserSyncOutcome.Done), r => Assert.NotNull(r.JobId));
        Assert.Equal(notSent, invites.Where(r => r.Outcome == PortalUserSyncOutcome.NotRun).Select(r => r.PersonalityId).OrderBy(i => i, StringComparer.Ordinal));

        // Run again: only the 50 never sent are invited, in one request; then nothing is left.
        var again = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Leave);
        Assert.Equal(notSent, again.Steps.Where(s => s.IsChange).Select(s => s.PersonalityId).OrderBy(i => i, StringComparer.Ordinal));
        org.Emulator.RequestLog.Clear();
        var rerun = await sync.ApplyAsync(again.Steps, Yes);
        Assert.All(rerun, r => Assert.True(r.IsSuccess, r + " " + r.Code + " " + r.Message));
        Assert.Equal(1, Api(org).Count(e => e.Method == "POST"));
        var last = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Leave);
        Assert.DoesNotContain(last.Steps, s => s.IsChange);
    }
}
