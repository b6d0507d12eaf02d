using System.Net.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Pages after the first are read concurrently once Zoho gave total_count and the consumer took
/// page 1, at most W in flight and a bounded number ahead of the consumer, handed over in order;
/// -First asks for exactly the pages it needs (docs/users.md "Paging, read-ahead and -First").
/// </summary>
public sealed class PageReadAheadTests
{
    private const string Portal = "ZylkerAutos";

    private static bool IsUserPage(HttpRequestMessage r) => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith("/users", StringComparison.Ordinal);

    private static async Task<List<string>> SequentialIdsAsync(EmulatedOrg org, string typeId)
    {
        var ids = new List<string>();
        await org.Client.ListUsersAsync(Portal, typeId, new PortalUserQuery { ReadAhead = 0 }, page => ids.AddRange(page.Select(u => u.PersonalityId)));
        return ids;
    }

    [Fact]
    public async Task PagesAfterTheFirst_AreReadTogether_AndHandedOverInOrder()
    {
        // Page 1 alone, then pages 2 to 4 must be in flight together to get past the holder.
        var holder = new HoldingHandler(3, r => IsUserPage(r) && !r.RequestUri!.Query.Contains("page=1&", StringComparison.Ordinal));
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 },
            configureClient: c => { holder.InnerHandler = c.Transport!; c.Transport = holder; c.MaxConcurrency = 3; });
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();
        var ids = new List<string>();

        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), page => ids.AddRange(page.Select(u => u.PersonalityId)));

        Assert.True(holder.Reached, "Pages 2 to 4 were never read together.");
        Assert.Equal(3, holder.Max);
        Assert.Equal(6, listing.Requests);
        Assert.Equal(6, org.Emulator.RequestLog.CountOf("GET", "/users"));
        Assert.Equal(await SequentialIdsAsync(org, customers), ids);
        Assert.Equal(1050, ids.Distinct().Count());
    }

    [Fact]
    public async Task ReadAhead_StaysBounded_BehindASlowConsumer()
    {
        var counter = new HoldingHandler(1, IsUserPage);
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 2000, ContactCount = 0 },
            configureClient: c => { counter.InnerHandler = c.Transport!; c.Transport = counter; c.MaxConcurrency = 3; });
        var (customers, _) = await org.UserTypeIdsAsync();
        var startedWhenHandedOver = new List<int>();

        await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), async (page, ct) =>
        {
            startedWhenHandedOver.Add(counter.Arrived);
            await Task.Yield(); // a consumer that takes its time: the reads ahead get every chance to run on
        });

        Assert.Equal(10, startedWhenHandedOver.Count);
        // While page k is being taken, at most pages up to (k - 1) + W have been asked for until W
        // pages are taken, (k - 1) + 2W after that (W = 3 here); page 1 alone before it is taken.
        Assert.Equal(1, startedWhenHandedOver[0]);
        for (var k = 2; k <= 10; k++)
        {
            var ahead = k - 1 >= 3 ? 6 : 3;
            Assert.InRange(startedWhenHandedOver[k - 1], k, Math.Min(10, k - 1 + ahead));
        }
        Assert.Equal(10, counter.Arrived);
    }

    [Fact]
    public async Task AReadThatEnds_FreesItsPlace_WhileTheConsumerStillHoldsAnEarlierPage()
    {
        // W = 3: once 3 pages are taken, up to 6 may be asked for ahead of the consumer, never more than 3 in flight.
        var counter = new HoldingHandler(1, IsUserPage);
        var ninthAskedFor = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        counter.OnArrive = n => { if (n == 9) ninthAskedFor.TrySetResult(); };
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 2000, ContactCount = 0 },
            configureClient: c => { counter.InnerHandler = c.Transport!; c.Transport = counter; c.MaxConcurrency = 3; });
        var (customers, _) = await org.UserTypeIdsAsync();
        var pages = 0;
        var askedForWhileHoldingPage4 = 0;

        await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), async (page, ct) =>
        {
            if (++pages != 4) return;
            // Held by the consumer: the reads of pages 5 to 9 must go on without it (a hang guard, not a timing assertion).
            await Task.WhenAny(ninthAskedFor.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
            askedForWhileHoldingPage4 = counter.Arrived;
        });

        Assert.Equal(10, pages);
        Assert.Equal(9, askedForWhileHoldingPage4);
        Assert.InRange(counter.Max, 1, 3);
    }

    [Fact]
    public async Task AConsumerThatStopsWithinPage1_CostsOneRequest()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();

        // The way a pipeline stop reaches the listing (Select-Object -First 1 downstream).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), (page, ct) => throw new OperationCanceledException()));

        Assert.Equal(1, org.Emulator.RequestLog.CountOf("GET", "/users"));
    }

    [Theory]
    [InlineData(0, 1000, 5)]
    [InlineData(0, 1050, 6)]
    [InlineData(0, 201, 2)]
    [InlineData(300, 250, 2)]
    [InlineData(0, 1, 1)]
    public async Task First_AsksForExactlyThePagesItNeeds(long skip, long first, int requests)
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var all = await SequentialIdsAsync(org, customers);
        org.Emulator.RequestLog.Clear();
        var ids = new List<string>();

        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery { Skip = skip, First = first }, page => ids.AddRange(page.Select(u => u.PersonalityId)));

        Assert.Equal(all.Skip((int)skip).Take((int)first), ids);
        Assert.Equal(requests, org.Emulator.RequestLog.CountOf("GET", "/users"));
        Assert.Equal(requests, listing.Requests);
    }
}
