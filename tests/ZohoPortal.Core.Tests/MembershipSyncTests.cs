using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

/// <summary>Sync against the emulator through the real HTTP pipeline: call counts, re-runs, interruptions.</summary>
public sealed class MembershipSyncTests
{
    private const string Portal = "ZylkerAutos";

    /// <summary>
    /// The demo org with 400 users per type (800) and 320 contacts, and a 1,000-row membership:
    /// 300 contacts to invite (into Customers), 200 users to move (120 Customers to Partners, 80
    /// back), 500 already right; 100 confirmed, active users are left out (absent).
    /// </summary>
    private static async Task<(EmulatedOrg Org, List<PortalMembershipRow> Rows, HashSet<string> Absent, string Customers, string Partners)> ThousandRowsAsync()
    {
        var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 400, ContactCount = 320 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var snapshot = await new PortalMembershipSync(org.Client).ReadAsync(Portal);
        var rows = new List<PortalMembershipRow>();
        void Add(string? id, string? email, string type) => rows.Add(new PortalMembershipRow { RecordId = id, Email = email, UserTypeName = type, Row = rows.Count + 1 });

        foreach (var contact in org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser && r.Email != null).Take(300)) Add(contact.Id, contact.Email, "Customers");
        var absent = snapshot.Users.Where(u => u.Confirmed && u.Active).Where((u, i) => i % 5 == 3).Take(100).Select(u => u.PersonalityId).ToHashSet();
        Assert.Equal(100, absent.Count);
        var listed = snapshot.Users.Where(u => !absent.Contains(u.PersonalityId)).ToList();
        var moveFromCustomers = listed.Where(u => u.UserTypeId == customers).Take(120).Select(u => u.PersonalityId).ToHashSet();
        var moveFromPartners = listed.Where(u => u.UserTypeId == partners).Take(80).Select(u => u.PersonalityId).ToHashSet();
        foreach (var user in listed)
        {
            var type = user.UserTypeName!;
            if (moveFromCustomers.Contains(user.PersonalityId)) type = "Partners";
            if (moveFromPartners.Contains(user.PersonalityId)) type = "Customers";
            // Half by email, half by id, as lists from elsewhere come.
            if (rows.Count % 2 == 0) Add(null, user.Email, type); else Add(user.PersonalityId, null, type);
        }
        Assert.Equal(1000, rows.Count);
        return (org, rows, absent, customers, partners);
    }

    private static IEnumerable<Emulator.Http.RequestLogEntry> Api(EmulatedOrg org) => org.Emulator.RequestLog.Entries.Where(e => e.Path.StartsWith("/crm/", StringComparison.Ordinal));
    private static int Changes(EmulatedOrg org) => Api(org).Count(e => e.Method != "GET");
    private static Task<bool> Yes(PortalUserSyncOperation _) => Task.FromResult(true);

    [Fact]
    public async Task ThousandRows_MakeTheApiMinimumCallsOfEachKind_AndARerunPlansNothing()
    {
        var (org, rows, absent, _, _) = await ThousandRowsAsync();
        using var disposeOrg = org;
        var sync = new PortalMembershipSync(org.Client);
        org.Emulator.RequestLog.Clear();

        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);

        Assert.Empty(plan.RowErrors);
        Assert.Equal((300, 200, 100, 500), (plan.Count(PortalUserSyncAction.Invite), plan.Count(PortalUserSyncAction.Move), plan.Count(PortalUserSyncAction.Disable), plan.Count(PortalUserSyncAction.Unchanged)));
        // One user-type listing, then 400 users per type at 200 a page: 2 pages each.
        Assert.Equal(5, Api(org).Count());
        Assert.Equal(1, Api(org).Count(e => e.Path.EndsWith("/user_type", StringComparison.Ordinal)));
        Assert.Equal(4, Api(org).Count(e => e.Path.EndsWith("/users", StringComparison.Ordinal) && e.Query.Contains("per_page=200")));
        Assert.Equal(5, plan.ReadRequests);
        Assert.Equal(0, Changes(org));

        var operations = sync.Operations(plan.Steps);
        Assert.Equal(new[] { "Move", "Move", "Invite", "Disable", "Disable" }, operations.Select(o => o.Action.ToString()));
        org.Emulator.RequestLog.Clear();
        var results = await sync.ApplyAsync(plan.Steps, Yes);

        Assert.Equal(1100, results.Count);
        Assert.All(results, r => Assert.True(r.IsSuccess, r + " " + r.Code + " " + r.Message));
        Assert.Equal(600, results.Count(r => r.Outcome == PortalUserSyncOutcome.Done));
        var log = Api(org).ToList();
        // Transfers: one call per source->destination pair (120 and 80 users, each at most 200).
        Assert.Equal(2, log.Count(e => e.Method == "POST" && e.Path.EndsWith("/users/action/transfer", StringComparison.Ordinal)));
        // Invitations: 300 records, 100 per request; the wait lists the module's jobs once per round, not each job
        // (the emulator completes jobs at once here, so one round).
        Assert.Equal(3, log.Count(e => e.Method == "POST" && e.Path == "/crm/v8/Contacts/actions/portal_invite"));
        Assert.Equal(0, log.Count(e => e.Method == "GET" && e.Path == "/crm/v8/Contacts/actions/portal_invite" && e.Query.Contains("job_id=")));
        // The job list is read twice: once before sending (jobs of an earlier run, and the jobs a lost answer is
        // not matched with), and in the one wait round.
        Assert.Equal(2, log.Count(e => e.Method == "GET" && e.Path == "/crm/v8/Contacts/actions/portal_invite" && !e.Query.Contains("job_id=")));
        Assert.Equal(100, log.Count(e => e.Method == "PUT" && e.Path.EndsWith("/actions/change_status", StringComparison.Ordinal)));
        Assert.Equal(0, log.Count(e => e.Method == "DELETE"));
        Assert.Equal(105, Changes(org));
        Assert.Equal(107, log.Count);

        await AssertMatchesAsync(org, rows, absent);

        // Run again: everything is as listed, so nothing is sent.
        org.Emulator.RequestLog.Clear();
        var again = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.Empty(again.Changes);
        Assert.Equal(1100, again.Count(PortalUserSyncAction.Unchanged));
        var rerun = await sync.ApplyAsync(again.Steps, Yes);
        Assert.All(rerun, r => Assert.Equal(PortalUserSyncOutcome.Unchanged, r.Outcome));
        Assert.Equal(0, Changes(org));
        // Customers now holds 400 - 120 + 80 + 300 = 660 users (4 pages), Partners 400 + 120 - 80 = 440 (3 pages).
        Assert.Equal(1 + 4 + 3, Api(org).Count());
    }

    [Fact]
    public async Task StoppedAfterTheInvites_ARerunInvitesNobodyTwice_AndEndsAsListed()
    {
        var (org, rows, absent, _, _) = await ThousandRowsAsync();
        using var _org = org;
        var sync = new PortalMembershipSync(org.Client);
        // The third bulk invite is carried out but its answer is lost: the run must find its job, not resend it.
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.ConnectionReset) { PathContains = "/Contacts/actions/portal_invite", Method = "POST", AfterActing = true, Count = 1 });
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        using var stop = new CancellationTokenSource();
        var invited = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.ApplyAsync(plan.Steps, Yes, r =>
        {
            if (r.Action == PortalUserSyncAction.Invite && ++invited == 300) stop.Cancel();
        }, cancellationToken: stop.Token));
        Assert.Equal(0, Api(org).Count(e => e.Method == "PUT"));

        org.Emulator.RequestLog.Clear();
        var again = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.Equal(0, again.Count(PortalUserSyncAction.Invite));
        Assert.Equal(0, again.Count(PortalUserSyncAction.Move));
        Assert.Equal(100, again.Count(PortalUserSyncAction.Disable));
        var results = await sync.ApplyAsync(again.Steps, Yes);
        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(0, Api(org).Count(e => e.Method == "POST" && e.Path.EndsWith("/actions/portal_invite", StringComparison.Ordinal)));

        // Every record was sent in exactly one job, and every one of them was invited.
        var jobs = await org.Client.GetInviteJobsAsync("Contacts");
        Assert.Equal(3, jobs.Count);
        var sent = jobs.SelectMany(j => j.Results!).ToList();
        Assert.Equal(300, sent.Count);
        Assert.Equal(300, sent.Select(r => r.RecordId).Distinct().Count());
        Assert.All(sent, r => Assert.Equal("SUCCESS", r.Code));
        await AssertMatchesAsync(org, rows, absent);
    }

    [Fact]
    public async Task FaultsOnTheDeactivations_AreReadBackOrReported_AndARerunFinishesTheJob()
    {
        var (org, rows, absent, _, _) = await ThousandRowsAsync();
        using var _org = org;
        var sync = new PortalMembershipSync(org.Client);
        // Five deactivations are carried out and their answers lost; the client reads each user back.
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError) { PathContains = "/actions/change_status", AfterActing = true, Count = 5 });
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        var results = await sync.ApplyAsync(plan.Steps, Yes);
        var disables = results.Where(r => r.Action == PortalUserSyncAction.Disable).ToList();
        Assert.Equal(100, disables.Count);
        Assert.All(disables, r => Assert.True(r.Outcome == PortalUserSyncOutcome.Done || r.Outcome == PortalUserSyncOutcome.OutcomeUnknown, r.ToString()));

        var again = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Disable);
        Assert.Equal(disables.Count(r => r.Outcome != PortalUserSyncOutcome.Done), again.Count(PortalUserSyncAction.Disable));
        await sync.ApplyAsync(again.Steps, Yes);
        await AssertMatchesAsync(org, rows, absent);
    }

    [Fact]
    public async Task RemoveAbsent_DeletesThemInOneCallPerType_AndDeclinedOperationsSendNothing()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 30, ContactCount = 10 });
        var sync = new PortalMembershipSync(org.Client);
        var snapshot = await sync.ReadAsync(Portal);
        var keep = snapshot.Users.Take(20).ToList();
        var rows = keep.Select((u, i) => new PortalMembershipRow { RecordId = u.PersonalityId, UserTypeId = u.UserTypeId, Row = i + 1 }).ToList();
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Remove);
        Assert.Equal(40, plan.Count(PortalUserSyncAction.Remove));

        org.Emulator.RequestLog.Clear();
        var asked = new List<string>();
        var declined = await sync.ApplyAsync(plan.Steps, op => { asked.Add(op.Describe()); return Task.FromResult(false); });
        Assert.Equal(0, Changes(org));
        Assert.Equal(20, declined.Count);
        Assert.Equal(2, asked.Count);
        Assert.All(asked, a => Assert.Contains("DELETE /settings/portals/ZylkerAutos/user_type/", a));

        var results = await sync.ApplyAsync(plan.Steps, Yes);
        Assert.Equal(2, Api(org).Count(e => e.Method == "DELETE"));
        Assert.Equal(40, results.Count(r => r.Action == PortalUserSyncAction.Remove && r.Outcome == PortalUserSyncOutcome.Done));
        Assert.Equal(20, (await sync.ReadAsync(Portal)).Users.Count);
    }

    [Fact]
    public async Task AFilteredPlan_SendsOnlyTheStepsLeft()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 10, ContactCount = 10 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var sync = new PortalMembershipSync(org.Client);
        var snapshot = await sync.ReadAsync(Portal);
        var rows = snapshot.Users.Select((u, i) => new PortalMembershipRow { RecordId = u.PersonalityId, UserTypeId = u.UserTypeId == customers ? partners : customers, Row = i + 1 }).ToList();
        var plan = await sync.PlanAsync(Portal, rows, PortalUserAbsentAction.Leave);
        Assert.Equal(20, plan.Count(PortalUserSyncAction.Move));

        var onlyToPartners = plan.Steps.Where(s => s.UserTypeId == partners).ToList();
        org.Emulator.RequestLog.Clear();
        var results = await sync.ApplyAsync(onlyToPartners, Yes);
        Assert.Equal(10, results.Count);
        Assert.Equal(1, Changes(org));
        var after = await sync.ReadAsync(Portal);
        Assert.Equal(20, after.Users.Count(u => u.UserTypeId == partners));
    }

    [Fact]
    public void HandBuiltSteps_AreCheckedBeforeAnythingIsSent()
    {
        using var org = new EmulatedOrg();
        var sync = new PortalMembershipSync(org.Client);
        var bad = new PortalUserSyncStep { Action = PortalUserSyncAction.Move, PortalName = Portal, PersonalityId = "1306462000000200001", UserTypeId = "1306462000000100001" };
        var e = Assert.Throws<Errors.ZohoValidationException>(() => sync.Operations(new[] { bad }));
        Assert.Equal("InvalidUserTypeId", e.ErrorId);
        var twice = new PortalUserSyncStep { Action = PortalUserSyncAction.Remove, PortalName = Portal, PersonalityId = "1306462000000200001", UserTypeId = "1306462000000100001" };
        Assert.Equal("SyncDuplicateStep", Assert.Throws<Errors.ZohoValidationException>(() => sync.Operations(new[] { twice, twice })).ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    /// <summary>The portal as the rows say: every listed person in their type, every absent user deactivated.</summary>
    private static async Task AssertMatchesAsync(EmulatedOrg org, List<PortalMembershipRow> rows, HashSet<string> absent)
    {
        var now = await new PortalMembershipSync(org.Client).ReadAsync(Portal);
        var byId = now.Users.ToDictionary(u => u.PersonalityId);
        var byEmail = now.Users.Where(u => u.Email != null).ToDictionary(u => u.Email!, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var user = row.RecordId != null ? byId[row.RecordId] : byEmail[row.Email!];
            Assert.Equal(row.UserTypeName, user.UserTypeName);
        }
        Assert.Equal(1100, now.Users.Count);
        Assert.All(absent, id => Assert.False(byId[id].Active, id + " should be deactivated"));
    }
}
