using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.LoadBench;

/// <summary>One API call of a plan: the calls (by index, earlier in the plan) whose answers it needs, and a wait after them.</summary>
public sealed record PlannedCall(string Kind, IReadOnlyList<int> After, TimeSpan Lag = default);

/// <summary>
/// The dependency-aware ideal: every call takes exactly the latency L, at most C are in flight,
/// and a call starts as soon as a slot is free and the answers it depends on (plus its lag) are
/// in. Free slots go to the call that became ready first (ties: plan order). Client work is zero.
/// </summary>
public static class IdealSchedule
{
    public static TimeSpan Makespan(IReadOnlyList<PlannedCall> calls, TimeSpan latency, int concurrency)
    {
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency));
        var count = calls.Count;
        var end = new double[count];
        var waiting = new int[count];
        var dependents = new List<int>[count];
        for (var i = 0; i < count; i++) dependents[i] = new List<int>();
        var ready = new PriorityQueue<int, (double, int)>();
        for (var i = 0; i < count; i++)
        {
            foreach (var d in calls[i].After)
            {
                if (d < 0 || d >= i) throw new ArgumentException("Call " + i + " depends on call " + d + ", which is not before it.");
                dependents[d].Add(i);
            }
            waiting[i] = calls[i].After.Count;
            if (waiting[i] == 0) ready.Enqueue(i, (calls[i].Lag.TotalSeconds, i));
        }
        var slots = new PriorityQueue<int, double>();
        for (var s = 0; s < concurrency; s++) slots.Enqueue(s, 0);
        var l = latency.TotalSeconds;
        var makespan = 0.0;
        while (ready.TryDequeue(out var call, out var key))
        {
            slots.TryDequeue(out var slot, out var free);
            var start = Math.Max(free, key.Item1);
            end[call] = start + l;
            makespan = Math.Max(makespan, end[call]);
            slots.Enqueue(slot, end[call]);
            foreach (var next in dependents[call])
            {
                if (--waiting[next] > 0) continue;
                var at = calls[next].After.Max(d => end[d]) + calls[next].Lag.TotalSeconds;
                ready.Enqueue(next, (at, next));
            }
        }
        return TimeSpan.FromSeconds(makespan);
    }
}

/// <summary>The API-minimum plans of the benchmark's workloads (page size 200, Zoho's maximum).</summary>
public static class IdealPlans
{
    public const int PageSize = 200;

    public static int Pages(int users) => Math.Max(1, (users + PageSize - 1) / PageSize);

    /// <summary>Page 1 first (it reports the total); every other page needs only page 1.</summary>
    public static List<PlannedCall> Listing(int users)
    {
        var plan = new List<PlannedCall> { new("page", Array.Empty<int>()) };
        for (var p = 2; p <= Pages(users); p++) plan.Add(new("page", new[] { 0 }));
        return plan;
    }

    /// <summary>A listing, then batches of <paramref name="batch"/> users, each sent once the pages holding its users are read.</summary>
    public static List<PlannedCall> ListThenBatches(int users, int batch)
    {
        var plan = Listing(users);
        for (var first = 0; first < users; first += batch)
        {
            var last = Math.Min(users, first + batch) - 1;
            var pages = Enumerable.Range(first / PageSize, last / PageSize - first / PageSize + 1).ToArray();
            plan.Add(new("change", pages));
        }
        return plan;
    }

    /// <summary>Bulk invites of 100 (no listing: the ids are given), then one job listing once the last job is done.</summary>
    public static List<PlannedCall> Invite(int contacts, TimeSpan jobDelay)
    {
        var posts = (contacts + 99) / 100;
        var plan = Enumerable.Range(0, posts).Select(_ => new PlannedCall("invite", Array.Empty<int>())).ToList();
        plan.Add(new("job listing", Enumerable.Range(0, posts).ToArray(), jobDelay));
        return plan;
    }

    /// <summary>One command per user, one after another, one call each.</summary>
    public static List<PlannedCall> Sequential(int calls) =>
        Enumerable.Range(0, calls).Select(i => new PlannedCall("change", i == 0 ? Array.Empty<int>() : new[] { i - 1 })).ToList();

    /// <summary>The user-type listing (no -UserType: every type is read), then the pages that hold the first k users.</summary>
    public static List<PlannedCall> FirstOfAllTypes(int k)
    {
        var plan = new List<PlannedCall> { new("user types", Array.Empty<int>()), new("page", new[] { 0 }) };
        for (var p = 2; p <= Pages(k); p++) plan.Add(new("page", new[] { 1 }));
        return plan;
    }
}
