using System.Net.Http;
using System.Text.Json.Nodes;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

public sealed class InviteTests
{
    private const string Portal = "ZylkerAutos";

    private static async Task<PortalUserType> Customers(EmulatedOrg org) =>
        (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Default);

    [Fact]
    public async Task InviteRecord_MakesAnUnconfirmedActiveUserOfThatType()
    {
        using var org = new EmulatedOrg();
        var partners = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Partners");
        var record = org.Emulator.Org.GetRecords().First(r => !r.IsPortalUser && r.Email != null);
        org.Emulator.RequestLog.Clear();

        var result = await org.Client.InviteRecordAsync("Contacts", record.Id, partners.Id, language: "fr_fr");

        Assert.Equal(record.Id, result.RecordId);
        Assert.Equal("SUCCESS", result.Code);
        Assert.Equal("An Invite has been sent to the personality.", result.Message);
        Assert.Null(result.JobId);
        Assert.Equal(record.Id, result.Details["record_id"]);
        var entry = Assert.Single(org.Emulator.RequestLog.Entries);
        Assert.Equal("/crm/v8/Contacts/" + record.Id + "/actions/portal_invite", entry.Path);
        Assert.Equal("user_type_id=" + partners.Id + "&type=invite&language=fr_FR", entry.Query);

        var users = await org.Client.GetUsersPageAsync(Portal, partners.Id, PortalUserStatus.NotConfirmed);
        var user = Assert.Single(users.Users, u => u.PersonalityId == record.Id);
        Assert.True(user.Active);
        Assert.False(user.Confirmed);
        Assert.Equal(record.Email, user.Email);
    }

    [Fact]
    public async Task InvitePlans_AreWhatIsSent_AndCheckEverythingBeforeAnyRequest()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { ContactCount = 250, UsersPerUserType = 2 });
        var customers = await Customers(org);
        var records = org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser).Select(r => r.Id).ToList();
        org.Emulator.RequestLog.Clear();

        Assert.Equal("InvalidRecordId", Assert.Throws<ZohoValidationException>(() => org.Client.PlanInvite("Contacts", new[] { records[0], "x" }, customers.Id)).ErrorId);
        Assert.Throws<ArgumentException>(() => org.Client.PlanInvite("Contacts", records.Take(2).ToList(), customers.Id, bulk: false));
        Assert.Equal(0, org.Emulator.RequestLog.Count);

        var bulk = org.Client.PlanInvite("Contacts", records, customers.Id);
        Assert.Equal((records.Count + ZohoPortalClient.MaxInviteBatch - 1) / ZohoPortalClient.MaxInviteBatch, bulk.Calls);
        Assert.Equal("POST /Contacts/actions/portal_invite, " + bulk.Calls + " requests of up to " + ZohoPortalClient.MaxInviteBatch + " records", bulk.Describe());
        var submissions = await org.Client.StartBulkInviteAsync(bulk);
        Assert.Equal(bulk.Calls, submissions.Count);
        Assert.Equal(bulk.Batches.Select(b => b.ToList()), submissions.Select(x => x.RecordIds.ToList()));
        Assert.Equal(bulk.Calls, org.Emulator.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path == "/crm/v8" + bulk.Path));

        var record = org.Emulator.Org.GetRecords().First(r => r.Email != null).Id;
        var single = org.Client.PlanInvite("Contacts", new[] { record }, customers.Id, PortalInviteType.Reinvite, bulk: false);
        Assert.Equal("POST /Contacts/" + record + "/actions/portal_invite?type=reinvite", single.Describe());
        org.Emulator.RequestLog.Clear();
        await org.Client.InviteRecordAsync(single);
        var sent = Assert.Single(org.Emulator.RequestLog.Entries);
        Assert.Equal("/crm/v8" + single.Path, sent.Path);
        Assert.Contains("type=reinvite", sent.Query);
    }

    [Fact]
    public async Task InviteRecord_Lifecycle_AgainIsCannotProcess_ReinviteIsResent()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Ada Lovelace", "ada@example.com");

        await org.Client.InviteRecordAsync("Contacts", record.Id, customers.Id);
        var again = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.InviteRecordAsync("Contacts", record.Id, customers.Id));
        Assert.Equal("CANNOT_PROCESS", again.Code);
        Assert.Equal(400, again.HttpStatus);

        var resent = await org.Client.InviteRecordAsync("Contacts", record.Id, customers.Id, PortalInviteType.Reinvite);
        Assert.Equal("SUCCESS", resent.Code);
        Assert.Equal("Invite has been resent to personality", resent.Message);
        Assert.Equal(PortalInviteType.Reinvite, resent.Type);
    }

    [Fact]
    public async Task InviteRecord_NoEmail_DuplicateEmail_BadType_KeepZohoCodes()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var noEmail = org.Emulator.Org.GetRecords().First(r => r.Email == null);
        var portalUser = org.Emulator.Org.GetRecords().First(r => r.IsPortalUser);
        var twin = org.Emulator.Org.AddRecord("Twin", portalUser.Email!.ToUpperInvariant());

        var e1 = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.InviteRecordAsync("Contacts", noEmail.Id, customers.Id));
        Assert.Equal("INVALID_DATA", e1.Code);
        Assert.Equal("Invitation sent has failed as provided personality record does not have email id.", e1.ZohoMessage);

        var e2 = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.InviteRecordAsync("Contacts", twin.Id, customers.Id));
        Assert.Equal("DUPLICATE_DATA", e2.Code);
        Assert.Equal("Invitation sent has failed as a portal user exists with same email id", e2.ZohoMessage);
        Assert.Equal(twin.Id, e2.Details["record_id"]);

        var request = new ZohoRequest(HttpMethod.Post, "/Contacts/" + twin.Id + "/actions/portal_invite")
            .AddQuery("user_type_id", customers.Id).AddQuery("type", "welcome");
        var e3 = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.Http.SendAsync(request, r => r.Body, default));
        Assert.Equal("CANNOT_PROCESS", e3.Code);
        Assert.Equal("Invalid type for the portal invite", e3.ZohoMessage);
    }

    [Fact]
    public async Task BulkInvite_250Contacts_ThreeRequests_OneResultPerRecord()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var records = org.Emulator.Org.GetRecords();
        Assert.Equal(250, records.Count); // 200 candidates (8 without email) + 50 existing portal users
        var usersBefore = org.Emulator.Org.PortalUserCount;
        org.Emulator.RequestLog.Clear();

        var sizes = new List<int>();
        var submissions = await org.Client.StartBulkInviteAsync("Contacts", records.Select(r => r.Id).ToList(), customers.Id,
            onSubmission: s => { lock (sizes) sizes.Add(s.RecordIds.Count); });

        Assert.Equal(3, org.Emulator.RequestLog.CountOf("POST", "/Contacts/actions/portal_invite"));
        Assert.Equal(new[] { 100, 100, 50 }, submissions.Select(s => s.RecordIds.Count));
        Assert.Equal(new[] { 50, 100, 100 }, sizes.OrderBy(n => n));
        Assert.All(submissions, s => { Assert.True(s.Accepted); Assert.Equal("scheduled", s.Job!.Status); Assert.Equal("Contacts", s.Job.Module); });

        var jobs = submissions.Select(s => s.Job!).ToList();
        var outcome = await org.Client.WaitForInviteJobsAsync(jobs, TimeSpan.FromMinutes(1));
        Assert.False(outcome.TimedOut);
        var results = jobs.SelectMany(j => j.Results!).ToList();
        Assert.Equal(records.Select(r => r.Id), results.Select(r => r.RecordId));
        Assert.All(results, r => Assert.NotNull(r.JobId));

        var byCode = results.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Select(r => r.RecordId!).ToHashSet());
        Assert.Equal(records.Where(r => r.Email == null).Select(r => r.Id).ToHashSet(), byCode["INVALID_DATA"]);
        Assert.Equal(records.Where(r => r.IsPortalUser).Select(r => r.Id).ToHashSet(), byCode["CANNOT_PROCESS"]);
        Assert.Equal(192, byCode["SUCCESS"].Count);
        Assert.Equal(3, byCode.Count);
        Assert.Equal(usersBefore + 192, org.Emulator.Org.PortalUserCount);
    }

    [Fact]
    public async Task BulkInvite_DuplicateEmail_IsReportedInTheJob()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var portalUser = org.Emulator.Org.GetRecords().First(r => r.IsPortalUser);
        var twin = org.Emulator.Org.AddRecord("Twin", portalUser.Email);
        var fresh = org.Emulator.Org.AddRecord("Fresh", "fresh@example.com");

        var submission = Assert.Single(await org.Client.StartBulkInviteAsync("Contacts", [twin.Id, fresh.Id], customers.Id));
        await org.Client.WaitForInviteJobsAsync([submission.Job!]);

        var results = submission.Job!.Results!;
        Assert.Equal("DUPLICATE_DATA", results[0].Code);
        Assert.Equal(twin.Id, results[0].RecordId);
        Assert.Equal("error", results[0].Status);
        Assert.Equal("SUCCESS", results[1].Code);
    }

    [Fact]
    public async Task Job_IsInProgressWithNullData_UntilTheDelayPasses()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.JobDelay = TimeSpan.FromSeconds(5));
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Later", "later@example.com");
        var job = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;

        var raw = await org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Get, "/Contacts/actions/portal_invite").AddQuery("job_id", job.JobId), r => r.Body, default);
        Assert.Equal("{\"portal_invite\":[{\"data\":null,\"job_id\":\"" + job.JobId + "\",\"status\":\"in_progress\"}]}", raw);
        Assert.True(await org.Client.RefreshInviteJobAsync(job));
        Assert.False(job.IsCompleted);
        Assert.Null(job.Results);

        org.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await org.Client.RefreshInviteJobAsync(job));
        Assert.True(job.IsCompleted);
        Assert.Equal(record.Id, Assert.Single(job.Results!).RecordId);
        Assert.Equal(org.Clock.UtcNow, job.CheckedAt);
    }

    [Fact]
    public async Task Wait_PollsWithGrowingPauses_UntilDone()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.JobDelay = TimeSpan.FromSeconds(3));
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Later", "later@example.com");
        var job = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;
        org.Emulator.RequestLog.Clear();
        org.Clock.Delays.Clear();
        var progress = new List<InviteWaitProgress>();

        var outcome = await org.Client.WaitForInviteJobsAsync([job], TimeSpan.FromMinutes(5), progress.Add);

        Assert.False(outcome.TimedOut);
        Assert.True(job.IsCompleted);
        Assert.Equal(new[] { 0.5, 1, 2 }, org.Clock.Delays.Select(d => d.TotalSeconds));
        // A job just submitted is not done: the first check comes after the first pause, one per pause.
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("GET", "/Contacts/actions/portal_invite"));
        Assert.Equal(new[] { 0, 0, 0, 1 }, progress.Select(p => p.CompletedJobs));
        Assert.Null(progress[^1].NextCheckIn);
        Assert.Equal(TimeSpan.FromSeconds(3.5), outcome.Elapsed);
    }

    [Fact]
    public async Task Wait_JobThatNeverCompletes_EndsExactlyAtTheTimeout()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.JobDelay = Timeout.InfiniteTimeSpan);
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Never", "never@example.com");
        var job = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;
        org.Clock.Delays.Clear();

        var outcome = await org.Client.WaitForInviteJobsAsync([job], TimeSpan.FromSeconds(30));

        Assert.True(outcome.TimedOut);
        Assert.Same(job, Assert.Single(outcome.Pending));
        Assert.Same(job, Assert.Single(outcome.Jobs));
        Assert.Equal("in_progress", job.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.Elapsed);
        Assert.Equal(new[] { 0.5, 1, 2, 4, 8, 10, 4.5 }, org.Clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Wait_Cancelled_StopsAtOnce()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.JobDelay = Timeout.InfiniteTimeSpan);
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Never", "never@example.com");
        var job = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;
        org.Emulator.RequestLog.Clear();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            org.Client.WaitForInviteJobsAsync([job], null, p => { if (p.Elapsed >= TimeSpan.FromSeconds(1)) cts.Cancel(); }, cts.Token));

        // Checks at 0.5 s and 1.5 s; the cancel comes during the pause after the second.
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("GET", "/actions/portal_invite"));
    }

    [Fact]
    public async Task Wait_ManyJobsOfOneModule_OneListingPerRound_NoCheckPerJob()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.JobDelay = TimeSpan.FromSeconds(1));
        var customers = await Customers(org);
        var records = Enumerable.Range(0, 450).Select(i => org.Emulator.Org.AddRecord("Many " + i, "many" + i + "@example.com")).ToList();
        var jobs = (await org.Client.StartBulkInviteAsync("Contacts", records.Select(r => r.Id).ToList(), customers.Id)).Select(s => s.Job!).ToList();
        Assert.Equal(5, jobs.Count);
        org.Emulator.RequestLog.Clear();
        org.Clock.Delays.Clear();

        var outcome = await org.Client.WaitForInviteJobsAsync(jobs, TimeSpan.FromMinutes(1));

        Assert.False(outcome.TimedOut);
        Assert.All(jobs, j => Assert.True(j.IsCompleted));
        Assert.Equal(records.Select(r => r.Id), jobs.SelectMany(j => j.Results!).Select(r => r.RecordId));
        Assert.Equal(new[] { 0.5, 1 }, org.Clock.Delays.Select(d => d.TotalSeconds));
        var gets = org.Emulator.RequestLog.Entries.Where(e => e.Method == "GET").ToList();
        Assert.Equal(2, gets.Count);
        Assert.All(gets, e => Assert.DoesNotContain("job_id", e.Query));
    }

    [Fact]
    public async Task Wait_JobTheListingDoesNotShow_IsCheckedById()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Real", "real@example.com");
        var real = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;
        var ghost = new PortalInviteJob { JobId = "999", Module = "Contacts", Status = "scheduled" };
        org.Emulator.RequestLog.Clear();

        var outcome = await org.Client.WaitForInviteJobsAsync([real, ghost], TimeSpan.FromSeconds(10));

        Assert.True(real.IsCompleted);
        Assert.Same(ghost, Assert.Single(outcome.NotFound));
        var gets = org.Emulator.RequestLog.Entries.Where(e => e.Method == "GET").Select(e => e.Query).ToList();
        Assert.Equal(2, gets.Count);
        Assert.Equal(1, gets.Count(q => q.Contains("job_id=999")));
    }

    [Fact]
    public async Task Wait_ListingRefused_FallsBackToOneCheckPerJob()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var records = Enumerable.Range(0, 150).Select(i => org.Emulator.Org.AddRecord("Refused " + i, "refused" + i + "@example.com")).ToList();
        var jobs = (await org.Client.StartBulkInviteAsync("Contacts", records.Select(r => r.Id).ToList(), customers.Id)).Select(s => s.Job!).ToList();
        org.Emulator.RequestLog.Clear();
        // More failures than the retry policy (6 retries) rides out: the listing fails as a whole.
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError, 7) { Method = "GET", PathContains = "/Contacts/actions/portal_invite" });

        var outcome = await org.Client.WaitForInviteJobsAsync(jobs, TimeSpan.FromSeconds(10));

        Assert.False(outcome.TimedOut);
        Assert.All(jobs, j => Assert.True(j.IsCompleted));
        var gets = org.Emulator.RequestLog.Entries.Where(e => e.Method == "GET").ToList();
        Assert.Equal(7, gets.Count(e => e.Fault != null && !e.Query.Contains("job_id")));
        var answered = gets.Where(e => e.Fault == null).ToList();
        Assert.Equal(2, answered.Count);
        Assert.All(answered, e => Assert.Contains("job_id=", e.Query));
    }

    [Fact]
    public async Task Wait_UnknownJob_IsNotFound_NotAnException()
    {
        using var org = new EmulatedOrg();
        var ghost = new PortalInviteJob { JobId = "999", Module = "Contacts", Status = "scheduled" };
        var outcome = await org.Client.WaitForInviteJobsAsync([ghost], TimeSpan.FromSeconds(10));
        Assert.Same(ghost, Assert.Single(outcome.NotFound));
        Assert.Empty(outcome.Jobs);
        Assert.False(outcome.TimedOut);
    }

    [Fact]
    public async Task Refresh_UnnamedErrorResult_IsGivenToTheRecordTheJobCarried()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Odd", "odd@example.com");
        var body = new JsonObject { ["portal_invite"] = new JsonArray(new JsonObject { ["data"] = new JsonArray(new JsonObject { ["id"] = record.Id, ["user_type_id"] = customers.Id, ["type"] = "bogus" }) }) };
        var answer = await org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Post, "/Contacts/actions/portal_invite") { JsonBody = body.ToJsonString() }, r => JsonNode.Parse(r.Body)!, default);
        var job = new PortalInviteJob { JobId = (string)answer["portal_invite"]![0]!["details"]!["job_id"]!, Module = "Contacts", Status = "scheduled", RecordIds = [record.Id] };

        Assert.True(await org.Client.RefreshInviteJobAsync(job));

        var result = Assert.Single(job.Results!);
        Assert.Equal(record.Id, result.RecordId);
        Assert.Equal("CANNOT_PROCESS", result.Code);
        Assert.Equal("Invalid type for the portal invite", result.Message);
    }

    [Fact]
    public async Task BulkInvite_RequestRefusedAsAWhole_EveryRecordIsReported_OthersGoOn()
    {
        using var org = new EmulatedOrg(configureClient: o => o.MaxConcurrency = 1);
        var customers = await Customers(org);
        var ids = org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser && r.Email != null).Take(150).Select(r => r.Id).ToList();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.TooManyRequests, 7) { PathContains = "/actions/portal_invite", Method = "POST" });

        var submissions = await org.Client.StartBulkInviteAsync("Contacts", ids, customers.Id);

        var refused = submissions.Single(s => !s.Accepted);
        Assert.Equal(refused.RecordIds, refused.Failures!.Select(f => f.RecordId));
        Assert.All(refused.Failures!, f => { Assert.Equal("TOO_MANY_REQUESTS", f.Code); Assert.Equal("error", f.Status); });
        Assert.Equal(150, submissions.Sum(s => s.RecordIds.Count));
        Assert.Single(submissions, s => s.Accepted);
    }

    [Theory]
    [InlineData(FaultKind.InternalError, false, 3)]   // no job holds the records: sent again
    [InlineData(FaultKind.ConnectionReset, false, 3)]
    [InlineData(FaultKind.InternalError, true, 2)]    // the job exists: found, not sent again
    [InlineData(FaultKind.ServiceUnavailable, true, 2)]
    [InlineData(FaultKind.ConnectionReset, true, 2)]
    [InlineData(FaultKind.CutBody, true, 2)]
    [InlineData(FaultKind.TruncatedJson, true, 2)]
    public async Task BulkInvite_LostAnswer_IsResolvedFromTheJobList_AndNoRecordLandsInTwoJobs(FaultKind kind, bool afterActing, int posts)
    {
        using var org = new EmulatedOrg(configureClient: o => o.MaxConcurrency = 1);
        var customers = await Customers(org);
        var ids = org.Emulator.Org.GetRecords().Where(r => !r.IsPortalUser && r.Email != null).Take(150).Select(r => r.Id).ToList();
        org.Emulator.Faults.Add(new EmulatorFault(kind) { PathContains = "/actions/portal_invite", Method = "POST", AfterActing = afterActing });

        var submissions = await org.Client.StartBulkInviteAsync("Contacts", ids, customers.Id);

        Assert.Equal(posts, org.Emulator.RequestLog.CountOf("POST", "/actions/portal_invite"));
        Assert.All(submissions, s => Assert.True(s.Accepted));
        Assert.Equal(ids, submissions.SelectMany(s => s.RecordIds));
        var jobs = await org.NewClient().GetInviteJobsAsync("Contacts");
        var invitedIn = jobs.SelectMany(j => j.Results!.Where(r => r.Status == "success").Select(r => r.RecordId)).ToList();
        Assert.Equal(ids.OrderBy(i => i), invitedIn.OrderBy(i => i)); // each record in exactly one job, successfully
        Assert.All(ids, id => Assert.True(org.Emulator.Org.GetRecords().Single(r => r.Id == id).IsPortalUser));
    }

    [Fact]
    public async Task BulkInvite_OnV4_FailsBeforeAnyRequest_NamingTheVersion()
    {
        using var org = new EmulatedOrg(configureClient: o => o.ApiVersion = "v4");
        var customers = await Customers(org);
        org.Emulator.RequestLog.Clear();

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.StartBulkInviteAsync("Contacts", ["1306462000010000001", "1306462000010000002"], customers.Id));
        Assert.Equal("BulkInviteNeedsV5", e.ErrorId);
        Assert.Contains("v4", e.Message);
        Assert.Contains("v5", e.Message);
        var e2 = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.GetInviteJobsAsync("Contacts"));
        Assert.Equal("BulkInviteNeedsV5", e2.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);

        // The emulator itself knows no bulk endpoint under v4; the single invite exists there.
        var raw = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Get, "/Contacts/actions/portal_invite"), r => r.Body, default));
        Assert.Equal("INVALID_URL_PATTERN", raw.Code);
        var record = org.Emulator.Org.AddRecord("Old API", "old.api@example.com");
        Assert.Equal("SUCCESS", (await org.Client.InviteRecordAsync("Contacts", record.Id, customers.Id)).Code);
    }

    [Theory]
    [InlineData("abc", "en_US", "Contacts", "InvalidRecordId")]
    [InlineData("1306462000010000001", "xx_XX", "Contacts", "InvalidLanguage")]
    [InlineData("1306462000010000001", null, "Contacts/x", "InvalidModule")]
    public async Task BadInput_FailsBeforeAnyRequest(string recordId, string? language, string module, string errorId)
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        org.Emulator.RequestLog.Clear();
        var e1 = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.InviteRecordAsync(module, recordId, customers.Id, language: language));
        var e2 = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.StartBulkInviteAsync(module, [recordId], customers.Id, language: language));
        Assert.Equal(errorId, e1.ErrorId);
        Assert.Equal(errorId, e2.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Emulator_BulkBodyWithoutUserType_IsMandatoryNotFound_WithJsonPath()
    {
        using var org = new EmulatedOrg();
        var body = """{"portal_invite":[{"data":[{"id":"1306462000010000001","type":"invite"}]}]}""";
        var e = await Assert.ThrowsAsync<ZohoApiException>(() =>
            org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Post, "/Contacts/actions/portal_invite") { JsonBody = body }, r => r.Body, default));
        Assert.Equal("MANDATORY_NOT_FOUND", e.Code);
        Assert.Equal("required field not found", e.ZohoMessage);
        Assert.Equal("$.portal_invite[0].data[0].user_type_id", e.Details["json_path"]);
        Assert.Equal(0, org.Emulator.Org.InviteJobCount);
    }

    [Fact]
    public async Task Emulator_JobsBelongToTheirModule()
    {
        using var org = new EmulatedOrg();
        var customers = await Customers(org);
        var record = org.Emulator.Org.AddRecord("Mod", "mod@example.com");
        var job = (await org.Client.StartBulkInviteAsync("Contacts", [record.Id], customers.Id)).Single().Job!;

        Assert.Null(await org.Client.GetInviteJobAsync("Customer", job.JobId));
        var listed = Assert.Single(await org.Client.GetInviteJobsAsync("Contacts"));
        Assert.Equal(org.Clock.UtcNow, listed.CheckedAt);
        Assert.Equal(org.Clock.UtcNow, (await org.Client.GetInviteJobAsync("Contacts", job.JobId))!.CheckedAt);
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.GetInviteJobsAsync("Notes"));
        Assert.Equal("INVALID_MODULE", e.Code);
    }
}
