using System.Text.Json.Nodes;

namespace ZohoPortal.LoadBench;

/// <summary>What the module did on one workload (the median run's time, the first run's calls).</summary>
internal sealed record ModuleResult(Workload Workload, TimeSpan Wall, TimeSpan? FirstObject, int Objects, CallCount Calls, int PeakInFlight,
    TimeSpan Ideal, string Outcome, IReadOnlyList<TimeSpan> AllWalls, string Timeline = "", string Cpu = "");

/// <summary>What the naive loop did on a sample of the users, and its linear extrapolation to all of them.</summary>
internal sealed record NaiveResult(int Sample, TimeSpan SampleWall, int SampleCalls, int Users, TimeSpan Wall, int Calls, bool Extrapolated, string Outcome);

/// <summary>Runs one workload in real pwsh against a fresh loopback org, then checks the org.</summary>
internal sealed class WorkloadRunner
{
    private readonly BenchOptions _options;
    /// <summary>The warm-up org: users per type and contacts (two rounds of the workload's command on it; see Scripts/ZohoPortal.ps1).</summary>
    private const int WarmupUsers = 2000;
    private const int WarmupContacts = 1200;

    public WorkloadRunner(BenchOptions options) => _options = options;

    public async Task<ModuleResult> RunModuleAsync(Workload w)
    {
        var walls = new List<TimeSpan>();
        ModuleResult? first = null;
        for (var run = 0; run < _options.Runs; run++)
        {
            using var org = new BenchOrg(w.UsersPerUserType, w.Contacts, _options.Latency, _options.OrgLimit, _options.JobDelay);
            using var warmup = new BenchOrg(WarmupUsers, WarmupContacts, TimeSpan.Zero, _options.OrgLimit, TimeSpan.Zero);
            var args = await ArgumentsAsync(org, w, w.Users);
            var before = w.Check == null ? 0 : await w.Check(org);
            var environment = org.Environment(_options.Concurrency);
            var warmupContacts = Path.Combine(Path.GetTempPath(), "zohoportal-loadbench-warmup-" + Guid.NewGuid().ToString("N") + ".txt");
            await File.WriteAllLinesAsync(warmupContacts, warmup.InvitableContacts(1000));
            environment["BENCH_WARMUP_API_BASE_URL"] = warmup.BaseUrl.AbsoluteUri;
            environment["BENCH_WARMUP_REFRESH_TOKEN"] = warmup.RefreshToken;
            environment["BENCH_WARMUP_CONTACTS"] = warmupContacts;
            environment["BENCH_WARM_CONNECTION"] = w.WarmConnection ? "1" : "0";
            JsonObject result;
            var serverCpu = TimeSpan.Zero;
            var serverJit = TimeSpan.Zero;
            try
            {
                result = await PwshProcess.RunAsync(Repo.Script("ZohoPortal.ps1"), args, environment,
                    () =>
                    {
                        org.StartMeasuring();
                        serverCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                        serverJit = System.Runtime.JitInfo.GetCompilationTime();
                    });
                // Until the result came back: the server's share also covers the pwsh process's exit.
                serverCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - serverCpu;
                serverJit = System.Runtime.JitInfo.GetCompilationTime() - serverJit;
            }
            finally
            {
                DeleteIdsFile(args);
                File.Delete(warmupContacts);
            }
            var log = org.Requests;
            var peak = org.Emulator.PeakInFlight;
            var wall = Ms(result["WallMs"]);
            walls.Add(wall);
            var objects = result["Objects"]?.GetValue<int>() ?? 0;
            var outcome = await OutcomeAsync(org, w, before, w.Users, objects);
            var firstMs = result["FirstMs"];
            var timeline = Timeline.Describe(Timeline.Phases(log));
            var cpu = "pwsh " + Seconds(Ms(result["CpuMs"])) + " (JIT " + Seconds(Ms(result["JitMs"])) + ", GC pauses " + Seconds(Ms(result["GcPauseMs"])) + "), harness " + Seconds(serverCpu);
            first ??= new ModuleResult(w, wall, firstMs == null ? null : Ms(firstMs), objects, CallCount.From(log), peak,
                IdealSchedule.Makespan(w.Plan(w.Users), _options.Latency, _options.Concurrency), outcome, walls, timeline, cpu);
            var lookups = log.Where(e => CallKind.IsApi(e) && CallKind.Of(e) == "lookup").Select(e => e.Path).Distinct();
            Console.WriteLine("    lookups: " + string.Join(", ", lookups));
            Console.WriteLine("    timeline: " + timeline);
            Console.WriteLine("    cpu: " + cpu + " (harness: emulator and HTTP server until the result, of it JIT " + Seconds(serverJit) + "; pwsh full collections: " + result["Gen2"] + ")");
            if (_options.TimelineDir != null) Timeline.WriteCsv(Path.Combine(_options.TimelineDir, w.Key + "-" + run + ".csv"), log);
            Console.WriteLine("  ZohoPortal " + w.Title + ": " + Seconds(wall) + ", " + CallCount.From(log).Api + " calls, peak " + peak + " in flight, " + outcome);
        }
        var sorted = walls.OrderBy(t => t).ToList();
        return first! with { Wall = sorted[sorted.Count / 2], AllWalls = walls };
    }

    public async Task<NaiveResult> RunNaiveAsync(Workload w)
    {
        var sample = Math.Min(w.Users, _options.NaiveSample ?? w.Users);
        using var org = new BenchOrg(w.UsersPerUserType, w.Contacts, _options.Latency, _options.OrgLimit, _options.JobDelay);
        var args = await ArgumentsAsync(org, w, sample);
        var before = w.Check == null ? 0 : await w.Check(org);
        JsonObject result;
        try
        {
            result = await PwshProcess.RunAsync(Repo.Script("Naive.ps1"), args, org.Environment(_options.Concurrency), org.StartMeasuring);
        }
        finally
        {
            DeleteIdsFile(args);
        }
        var calls = CallCount.From(org.Requests).Api;
        var outcome = await OutcomeAsync(org, w, before, sample, sample);
        var wall = Ms(result["WallMs"]);
        var listed = Ms(result["ListMs"]);
        var pages = result["Pages"]!.GetValue<int>();
        // Linear in the calls of each phase: the type lookup and pages at the sample's time per
        // listing call, the per-user calls at the sample's time per user.
        var perListing = listed / (1 + pages);
        var perUser = sample == 0 ? TimeSpan.Zero : (wall - listed) / sample;
        var fullPages = pages == 0 ? 0 : IdealPlans.Pages(w.Users);
        var extrapolated = sample < w.Users;
        var fullWall = extrapolated ? perListing * (1 + fullPages) + perUser * w.Users : wall;
        var fullCalls = extrapolated ? 1 + fullPages + w.Users : calls;
        Console.WriteLine("  naive " + w.Title + ": " + sample + " users in " + Seconds(wall) + ", " + calls + " calls" + (extrapolated ? ", extrapolated " + Seconds(fullWall) : string.Empty) + ", " + outcome);
        return new NaiveResult(sample, wall, calls, w.Users, fullWall, fullCalls, extrapolated, outcome);
    }

    private static async Task<List<string>> ArgumentsAsync(BenchOrg org, Workload w, int count)
    {
        var args = new List<string> { "-Workload", w.Key, "-Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (w.Ids == IdSource.None) return args;
        var ids = w.Ids == IdSource.Contacts ? org.InvitableContacts(count) : org.FirstPortalUsers(count);
        if (ids.Count < count) throw new InvalidOperationException(w.Title + ": the seed has only " + ids.Count + " ids, " + count + " needed.");
        var file = Path.Combine(Path.GetTempPath(), "zohoportal-loadbench-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllLinesAsync(file, ids);
        args.AddRange(new[] { "-IdsPath", file });
        return args;
    }

    private static void DeleteIdsFile(List<string> args)
    {
        var at = args.IndexOf("-IdsPath");
        if (at >= 0) File.Delete(args[at + 1]);
    }

    /// <summary>"ok" when the org changed by exactly the users processed (or the command wrote them all), else what went wrong.</summary>
    private static async Task<string> OutcomeAsync(BenchOrg org, Workload w, int before, int users, int objects)
    {
        if (w.Check == null) return objects == w.Users ? "ok" : "wrote " + objects + " of " + w.Users;
        var after = await w.Check(org);
        var expected = before + w.CheckDelta * users;
        return after == expected ? "ok" : "org count " + after + ", expected " + expected;
    }

    private static TimeSpan Ms(JsonNode? node) => TimeSpan.FromMilliseconds(node!.GetValue<double>());

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.00" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
