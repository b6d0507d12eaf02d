namespace ZohoPortal.LoadBench;

internal sealed record MemoryResult(int Users, string Consumer, double GrowthMb, double BaseMb, TimeSpan Wall, int Objects, int Pages);

/// <summary>Live heap growth inside pwsh while Get-PortalUser streams a whole user type to a fast and a slow consumer.</summary>
internal static class MemoryBench
{
    /// <summary>Twenty samples whatever the size, so each size pays the same number of full collections.</summary>
    public static int SampleEvery(int users) => Math.Max(1, users / 20);

    public static async Task<List<MemoryResult>> RunAsync(BenchOptions o)
    {
        var results = new List<MemoryResult>();
        foreach (var users in new[] { o.Users, o.Users * 10 })
        foreach (var consumer in new[] { "Fast", "Slow" })
        {
            using var org = new BenchOrg(users, 0, o.MemoryLatency, o.OrgLimit, o.JobDelay);
            var result = await PwshProcess.RunAsync(Repo.Script("Memory.ps1"), new[] { "-Consumer", consumer, "-SampleEvery", SampleEvery(users).ToString(System.Globalization.CultureInfo.InvariantCulture) }, org.Environment(o.Concurrency), org.StartMeasuring);
            var calls = CallCount.From(org.Requests);
            const double mb = 1024 * 1024;
            var growth = (result["PeakBytes"]!.GetValue<long>() - result["BaseBytes"]!.GetValue<long>()) / mb;
            var r = new MemoryResult(users, consumer, growth, result["BaseBytes"]!.GetValue<long>() / mb,
                TimeSpan.FromMilliseconds(result["WallMs"]!.GetValue<double>()), result["Objects"]!.GetValue<int>(), calls.Pages);
            if (r.Objects != users) throw new InvalidOperationException("Memory run streamed " + r.Objects + " of " + users + " users.");
            Console.WriteLine("  memory " + users + " " + consumer + ": +" + growth.ToString("0.0") + " MB in " + WorkloadRunner.Seconds(r.Wall));
            results.Add(r);
        }
        return results;
    }
}
