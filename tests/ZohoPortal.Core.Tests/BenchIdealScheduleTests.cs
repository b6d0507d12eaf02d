using ZohoPortal.LoadBench;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// The load benchmark's dependency-aware ideal (bench/ZohoPortal.LoadBench/IdealSchedule.cs),
/// against times worked out by hand for latency 100 ms and concurrency 10.
/// </summary>
public sealed class BenchIdealScheduleTests
{
    private static readonly TimeSpan L = TimeSpan.FromMilliseconds(100);

    private static double Seconds(List<PlannedCall> plan, int concurrency = 10) =>
        Math.Round(IdealSchedule.Makespan(plan, L, concurrency).TotalSeconds, 3);

    [Fact]
    public void Move10000_IsPageOneThenTenRoundsOfTheOther99Calls()
    {
        // 50 pages + 50 transfers: page 1 alone, then 99 calls keep 10 slots busy: 0.1 + 10 x 0.1.
        var plan = IdealPlans.ListThenBatches(10_000, 200);
        Assert.Equal(100, plan.Count);
        Assert.Equal(1.1, Seconds(plan));
    }

    [Fact]
    public void Disable10000_IsPageOneThen1005RoundsOfTheRest()
    {
        // 50 pages + 10,000 status changes: 0.1 + ceil(10,049 / 10) x 0.1.
        Assert.Equal(100.6, Seconds(IdealPlans.ListThenBatches(10_000, 1)));
    }

    [Fact]
    public void Delete10000_Needs21BatchesOf499()
    {
        // 50 pages + 21 deletes = 71 calls: 0.1 + ceil(70 / 10) x 0.1.
        var plan = IdealPlans.ListThenBatches(10_000, 499);
        Assert.Equal(71, plan.Count);
        Assert.Equal(0.8, Seconds(plan));
    }

    [Fact]
    public void Invite10000_IsTenRoundsOfPostsThenTheJobDelayThenOneListing()
    {
        var plan = IdealPlans.Invite(10_000, TimeSpan.FromMilliseconds(300));
        Assert.Equal(101, plan.Count);
        Assert.Equal(1.4, Seconds(plan)); // 1.0 + 0.3 + 0.1
    }

    [Fact]
    public void ABatchWaitsForEveryPageHoldingItsUsers()
    {
        // One slot: 3 pages then a batch of 450 users spanning all three, strictly in order.
        var plan = IdealPlans.ListThenBatches(450, 450);
        Assert.Equal(new[] { 0, 1, 2 }, plan[3].After);
        Assert.Equal(0.4, Seconds(plan, concurrency: 1));
        // Ten slots: page 1, then pages 2 and 3 together, then the batch.
        Assert.Equal(0.3, Seconds(plan));
    }

    [Fact]
    public void ALoopOfSingleCommandsIsOneLatencyPerCommand()
    {
        Assert.Equal(100.0, Seconds(IdealPlans.Sequential(1000)));
    }

    [Fact]
    public void FirstKWithoutAUserType_ListsTheTypesThenTheFirstPageThenTheRest()
    {
        Assert.Equal(0.2, Seconds(IdealPlans.FirstOfAllTypes(1)));
        Assert.Equal(0.3, Seconds(IdealPlans.FirstOfAllTypes(1000)));
    }

    [Fact]
    public void APlanWhoseCallDependsOnALaterOne_IsRefused()
    {
        var plan = new List<PlannedCall> { new("page", new[] { 1 }), new("page", Array.Empty<int>()) };
        Assert.Throws<ArgumentException>(() => IdealSchedule.Makespan(plan, L, 10));
    }
}
