using System.Net.Http;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>Delete (zoho-api.md "Batches"), change status (zoho-api.md "Users") and the stop rules of the bulk calls.</summary>
public sealed class UserChangeTests
{
    private const string Portal = "ZylkerAutos";

    private static async Task<List<PortalUser>> UsersAsync(EmulatedOrg org, string typeId)
    {
        var users = new List<PortalUser>();
        await org.Client.ListUsersAsync(Portal, typeId, new PortalUserQuery(), page => users.AddRange(page));
        return users;
    }

    [Fact]
    public async Task Delete_1200Users_MakesThreeCallsOfAtMost499()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1200, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        org.Emulator.RequestLog.Clear();
        var batches = new List<(int Offset, int Count)>();

        var results = await org.Client.DeleteUsersAsync(Portal, customers, ids, b => batches.Add((b.Offset, b.Ids.Count)));

        Assert.Equal(new[] { (0, 499), (499, 499), (998, 202) }, batches);
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("DELETE", "/users"));
        Assert.All(results, r => Assert.Equal("SUCCESS", r.Code));
        Assert.All(results, r => Assert.Equal("Portal user deleted successfully.", r.Message));
        Assert.Equal(ids, results.Select(r => r.GetDetail("personality_id")));
        Assert.Empty(await UsersAsync(org, customers));
        Assert.Equal(1200, org.Emulator.Org.PortalUserCount);
    }

    [Fact]
    public async Task Delete_MixedBatch_Is207WithOneFailure()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 4, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        var otherType = (await UsersAsync(org, partners))[0].PersonalityId;
        ids.Insert(1, otherType);

        var results = await org.Client.DeleteUsersAsync(Portal, customers, ids);

        var bad = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(otherType, bad.GetDetail("personality_id"));
        Assert.Equal("INVALID_DATA", bad.Code);
        Assert.Equal(207, bad.HttpStatus);
        Assert.Equal(207, org.Emulator.RequestLog.Entries.Last().Status);
        Assert.Empty(await UsersAsync(org, customers));
        Assert.Equal(4, (await UsersAsync(org, partners)).Count);
    }

    [Fact]
    public async Task Emulator_Delete500Ids_AnswersScheduled_AndTheClientSpreadsItOverEveryId()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 500, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        var request = new ZohoRequest(HttpMethod.Delete, "/settings/portals/" + Portal + "/user_type/" + customers + "/users") { BatchWrapperKey = "users" }
            .AddQuery("personality_ids", string.Join(",", ids));

        var items = await org.Client.Http.SendAsync(request, r => ZohoPortalClient.ReadActionResults(r, "users"), CancellationToken.None);

        var job = Assert.Single(items);
        Assert.Equal("SCHEDULED", job.Code);
        Assert.Equal("Deletion of users scheduled successfully", job.Message);
        Assert.NotNull(job.GetDetail("job_id"));
        Assert.Empty(await UsersAsync(org, customers));
        var spread = ZohoPortalClient.MatchResults(ids.Take(3).ToList(), items, "personality_id").ToList();
        Assert.Equal(ids.Take(3), spread.Select(r => r.GetDetail("personality_id")));
        Assert.All(spread, r => Assert.Equal(job.GetDetail("job_id"), r.GetDetail("job_id")));
    }

    [Fact]
    public async Task Emulator_Transfer201Ids_AnswersScheduled()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 201, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        var request = new ZohoRequest(HttpMethod.Post, "/settings/portals/" + Portal + "/user_type/" + customers + "/users/action/transfer")
            .AddQuery("transfer_To", partners).AddQuery("personality_ids", string.Join(",", ids));

        var items = await org.Client.Http.SendAsync(request, r => ZohoPortalClient.ReadActionResults(r, "users"), CancellationToken.None);

        Assert.Equal("SCHEDULED", Assert.Single(items).Code);
        Assert.Equal(402, (await UsersAsync(org, partners)).Count);
    }

    [Fact]
    public async Task ChangeStatus_FollowsZohosRules_AndKeepsZohosMessages()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 10, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var users = await UsersAsync(org, customers);
        var unconfirmed = users.First(u => !u.Confirmed);
        var confirmed = users.First(u => u.Confirmed && u.Active);

        var notAllowed = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.ChangeUserStatusAsync(Portal, customers, unconfirmed.PersonalityId, false));
        Assert.Equal("NOT_ALLOWED", notAllowed.Code);
        Assert.Equal("Deactivating unconfirmed user is not allowed", notAllowed.ZohoMessage);
        Assert.Equal("6", notAllowed.Details["resource_path_index"]);

        var already = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.ChangeUserStatusAsync(Portal, customers, confirmed.PersonalityId, true));
        Assert.Equal("ALREADY_ACTIVATED", already.Code);
        Assert.Equal("Already in active state only.", already.ZohoMessage);
        Assert.Equal(400, already.HttpStatus);

        var off = await org.Client.ChangeUserStatusAsync(Portal, customers, confirmed.PersonalityId, false);
        Assert.Equal("SUCCESS", off.Code);
        Assert.Equal("Status of the user changed successfully.", off.Message);
        Assert.Equal(confirmed.PersonalityId, off.GetDetail("personality_id"));
        Assert.Contains("active=false", org.Emulator.RequestLog.Entries.Last().Query);
        Assert.False((await UsersAsync(org, customers)).Single(u => u.PersonalityId == confirmed.PersonalityId).Active);

        Assert.Equal("SUCCESS", (await org.Client.ChangeUserStatusAsync(Portal, customers, confirmed.PersonalityId, true)).Code);
        Assert.True((await UsersAsync(org, customers)).Single(u => u.PersonalityId == confirmed.PersonalityId).Active);
    }

    [Fact]
    public async Task ChangeStatus_BadId_FailsBeforeAnyRequest()
    {
        using var org = new EmulatedOrg();
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.ChangeUserStatusAsync(Portal, customers, "bob", true));
        Assert.Equal("InvalidPersonalityId", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task ChangeUsersStatus_StaysWithinTheConcurrencyLimit_AndReportsInInputOrder()
    {
        var counter = new InFlightCounter(expected: 4);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 60, ContactCount = 0 },
            configureClient: c => { counter.InnerHandler = c.Transport!; c.Transport = counter; c.MaxConcurrency = 4; });
        var (customers, _) = await org.UserTypeIdsAsync();
        var users = (await UsersAsync(org, customers)).Where(u => u.Confirmed).ToList();
        var refs = users.Select(u => new PortalUserRef(customers, u.PersonalityId)).ToList();
        var order = new List<int>();

        var results = await org.Client.ChangeUsersStatusAsync(Portal, refs, false, (i, _) => order.Add(i));

        Assert.Equal(Enumerable.Range(0, refs.Count), order);
        Assert.All(results, r => Assert.Equal("SUCCESS", r!.Code));
        Assert.True(counter.Reached, "The calls never ran 4 at a time.");
        Assert.Equal(4, counter.Max);
        Assert.Equal(refs.Count, org.Emulator.RequestLog.CountOf("PUT", "/actions/change_status"));
        Assert.All(await UsersAsync(org, customers), u => Assert.Equal(!u.Confirmed, u.Active));
    }

    [Fact]
    public async Task ChangeUsersStatus_Stop_StartsNothingNew_AndEveryStartedUserHasItsResult()
    {
        using var stop = new CancellationTokenSource();
        // The stop arrives with the 5th call; each of the 3 workers can have at most one more call already under way.
        var trigger = new StopOnCall(5, stop);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 60, ContactCount = 0 },
            configureClient: c => { trigger.InnerHandler = c.Transport!; c.Transport = trigger; c.MaxConcurrency = 3; });
        var (customers, _) = await org.UserTypeIdsAsync();
        var users = (await UsersAsync(org, customers)).Where(u => u.Confirmed && u.Active).ToList();
        var refs = users.Select(u => new PortalUserRef(customers, u.PersonalityId)).ToList();
        org.Emulator.RequestLog.Clear();

        var results = await org.Client.ChangeUsersStatusAsync(Portal, refs, false, stopToken: stop.Token);

        var done = results.TakeWhile(r => r != null).Count();
        Assert.InRange(done, 5, 5 + 2);
        Assert.All(results.Take(done), r => Assert.Equal("SUCCESS", r!.Code));
        Assert.All(results.Skip(done), r => Assert.Null(r));
        Assert.Equal(done, org.Emulator.RequestLog.CountOf("PUT", "/actions/change_status"));
        var now = (await UsersAsync(org, customers)).ToDictionary(u => u.PersonalityId);
        for (var i = 0; i < refs.Count; i++) Assert.Equal(i >= done, now[refs[i].PersonalityId].Active);
    }

    /// <summary>Cancels a token when the n-th status call is sent (a stand-in for Ctrl+C at a known moment).</summary>
    private sealed class StopOnCall(int n, CancellationTokenSource stop) : DelegatingHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && Interlocked.Increment(ref _calls) == n) stop.Cancel();
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Transfer_1050Users_SixCalls_AndStopAfterTheFirstBatchLeavesTheRestUntouched()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        using var stop = new CancellationTokenSource();
        org.Emulator.RequestLog.Clear();

        var partial = await org.Client.TransferUsersAsync(Portal, customers, partners, ids, _ => stop.Cancel(), stopToken: stop.Token);

        Assert.Equal(200, partial.Count);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
        Assert.Equal(1250, (await UsersAsync(org, partners)).Count);

        var rest = ids.Skip(200).ToList();
        org.Emulator.RequestLog.Clear();
        var results = await org.Client.TransferUsersAsync(Portal, customers, partners, rest);
        Assert.Equal(5, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(2100, (await UsersAsync(org, partners)).Count);
    }

    [Fact]
    public async Task Transfer_500BeforeActing_IsReadBack_ThenSentAgainOnlyBecauseNobodyMoved()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 250, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        org.Emulator.RequestLog.Clear();
        org.Emulator.Faults.Add(new Emulator.Faults.EmulatorFault(Emulator.Faults.FaultKind.InternalError) { PathContains = "/action/transfer" });

        var results = await org.Client.TransferUsersAsync(Portal, customers, partners, ids);

        Assert.Equal(250, results.Count);
        Assert.All(results, r => Assert.Equal("SUCCESS", r.Code));
        // First batch: the 500, a read of the destination (nobody there), the one repeat; then the second batch.
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
        Assert.Equal(250, (await UsersAsync(org, partners)).Count(u => ids.Contains(u.PersonalityId)));
    }

    [Fact]
    public async Task Transfer_WholeBatchRefused_GivesEveryUserOfThatBatchZohosError()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 250, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await UsersAsync(org, customers)).Select(u => u.PersonalityId).ToList();
        org.Emulator.Faults.Add(new Emulator.Faults.EmulatorFault(Emulator.Faults.FaultKind.TooManyRequests, 7) { PathContains = "/action/transfer" });

        var results = await org.Client.TransferUsersAsync(Portal, customers, partners, ids);

        Assert.Equal(250, results.Count);
        Assert.All(results.Take(200), r => Assert.Equal("TOO_MANY_REQUESTS", r.Code));
        Assert.All(results.Take(200), r => Assert.Equal(429, r.HttpStatus));
        Assert.All(results.Skip(200), r => Assert.True(r.IsSuccess));
    }

    /// <summary>Counts requests in flight at once between the client and the emulator.</summary>
    /// <summary>
    /// Counts the status calls in flight, and holds the first ones until <c>expected</c> are in flight
    /// together: calls sent one at a time never get there, so Reached shows the cap was used.
    /// </summary>
    private sealed class InFlightCounter(int expected) : DelegatingHandler
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _current;
        private int _max;
        public int Max => Volatile.Read(ref _max);
        public bool Reached => _reached.Task.IsCompleted;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Only the status changes are counted and held (the listings around them run alone).
            if (request.Method != HttpMethod.Put) return await base.SendAsync(request, cancellationToken);
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen) { }
            if (now >= expected) _reached.TrySetResult();
            try
            {
                // A hang guard, not a timing assertion: without it a serial client would wait forever.
                await Task.WhenAny(_reached.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
                return await base.SendAsync(request, cancellationToken);
            }
            finally { Interlocked.Decrement(ref _current); }
        }
    }
}
