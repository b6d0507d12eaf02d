using System.Globalization;

namespace ZohoPortal.LoadBench;

/// <summary>The harness's command line. Every default is the documented benchmark setting.</summary>
internal sealed class BenchOptions
{
    public TimeSpan Latency { get; private set; } = TimeSpan.FromMilliseconds(100);
    public int Concurrency { get; private set; } = 10;
    /// <summary>The emulated org's limit: above the connection's, so throttling never hides a client's concurrency.</summary>
    public int OrgLimit { get; private set; } = 15;
    public TimeSpan JobDelay { get; private set; } = TimeSpan.FromMilliseconds(300);
    public int Users { get; private set; } = 10_000;
    /// <summary>Users the naive loop really processes; null = all of them (--full).</summary>
    public int? NaiveSample { get; private set; } = 200;
    public int LoopUsers { get; private set; } = 300;
    public int Runs { get; private set; } = 1;
    public int ImportRuns { get; private set; } = 10;
    public int CoreCalls { get; private set; } = 2000;
    public TimeSpan MemoryLatency { get; private set; } = TimeSpan.Zero;
    public string Section { get; private set; } = "after";
    public bool WriteReadme { get; private set; } = true;
    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool Full { get; private set; }
    /// <summary>Where to write each measured run's calls (kind, arrival, answer) as CSV; null = not written.</summary>
    public string? TimelineDir { get; private set; }
    public IReadOnlyList<string> Arguments { get; private set; } = Array.Empty<string>();

    public static string Usage =>
        "dotnet run -c Release --project bench/ZohoPortal.LoadBench -- [--section before|after] [--full] [--runs N]\n" +
        "  [--latency-ms 100] [--concurrency 10] [--org-limit 15] [--job-delay-ms 300] [--users 10000]\n" +
        "  [--naive-sample 200] [--loop-users 300] [--import-runs 10] [--core-calls 2000] [--memory-latency-ms 0]\n" +
        "  [--only move,disable,delete,invite,loop,list,first,memory,import,core (prints only)] [--no-readme]\n" +
        "  [--timeline-csv DIR (each measured run's calls: kind, arrival, answer)]\n" +
        "--full runs the naive loop over every user and the single-user loop over 1,000 users (about an hour).";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.\n" + Usage);
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--section": o.Section = Next(); break;
                case "--full": o.Full = true; o.NaiveSample = null; o.LoopUsers = 1000; break;
                case "--runs": o.Runs = Int(); break;
                case "--latency-ms": o.Latency = TimeSpan.FromMilliseconds(Int()); break;
                case "--concurrency": o.Concurrency = Int(); break;
                case "--org-limit": o.OrgLimit = Int(); break;
                case "--job-delay-ms": o.JobDelay = TimeSpan.FromMilliseconds(Int()); break;
                case "--users": o.Users = Int(); break;
                case "--naive-sample": o.NaiveSample = Int(); break;
                case "--loop-users": o.LoopUsers = Int(); break;
                case "--import-runs": o.ImportRuns = Int(); break;
                case "--core-calls": o.CoreCalls = Int(); break;
                case "--memory-latency-ms": o.MemoryLatency = TimeSpan.FromMilliseconds(Int()); break;
                case "--only": foreach (var w in Next().Split(',', StringSplitOptions.RemoveEmptyEntries)) o.Only.Add(w.Trim()); break;
                case "--no-readme": o.WriteReadme = false; break;
                case "--timeline-csv": o.TimelineDir = Next(); Directory.CreateDirectory(o.TimelineDir); break;
                case "-h": case "--help": throw new ArgumentException(Usage);
                default: throw new ArgumentException("Unknown argument " + args[i] + ".\n" + Usage);
            }
        }
        if (o.OrgLimit < o.Concurrency) throw new ArgumentException("--org-limit must be at least --concurrency.");
        if (o.Runs < 1 || o.ImportRuns < 1) throw new ArgumentException("--runs and --import-runs must be at least 1.");
        return o;
    }

    public bool Wants(string part) => Only.Count == 0 || Only.Contains(part);

    public string CommandLine => "dotnet run -c Release --project bench/ZohoPortal.LoadBench --" + (Arguments.Count == 0 ? string.Empty : " " + string.Join(' ', Arguments));
}
