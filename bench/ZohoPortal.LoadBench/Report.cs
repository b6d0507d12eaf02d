using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ZohoPortal.LoadBench;

/// <summary>Everything one harness run measured.</summary>
internal sealed class BenchReport
{
    public List<(ModuleResult Module, NaiveResult? Naive)> Workloads { get; } = new();
    public List<MemoryResult> Memory { get; } = new();
    public ImportResult? Import { get; set; }
    public CoreCallResult? Core { get; set; }
    public string PwshVersion { get; set; } = string.Empty;
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    /// <summary>Taken when the run starts: the code measured, whatever changes in the tree meanwhile.</summary>
    public string Commit { get; } = ReportWriter.Commit();
    /// <summary>The machine's load average (1 minute) at the start and the end: how busy it was with other work.</summary>
    public string LoadAtStart { get; } = ReportWriter.LoadAverage();
    public string LoadAtEnd { get; set; } = string.Empty;
    public TimeSpan Duration { get; set; }
}

/// <summary>Writes a run's figures as markdown, and into its own section of bench/README.md.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteSection(string readme, string section, string markdown)
    {
        var start = "<!-- loadbench:" + section + " -->";
        var end = "<!-- /loadbench:" + section + " -->";
        var text = File.ReadAllText(readme);
        var block = start + "\n" + markdown.TrimEnd() + "\n" + end;
        var a = text.IndexOf(start, StringComparison.Ordinal);
        var b = text.IndexOf(end, StringComparison.Ordinal);
        text = a >= 0 && b > a ? text.Substring(0, a) + block + text.Substring(b + end.Length) : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(readme, text);
    }

    public static string Markdown(BenchReport r, BenchOptions o, string section)
    {
        var md = new StringBuilder();
        var title = char.ToUpperInvariant(section[0]) + section.Substring(1);
        md.AppendLine("### " + title + ": commit " + r.Commit + ", " + r.Started.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv));
        md.AppendLine();
        md.AppendLine(Machine() + ", " + RuntimeInformation.FrameworkDescription + ", pwsh " + r.PwshVersion + ". Whole run: "
                      + r.Duration.TotalMinutes.ToString("0.0", Inv) + " min; load average "
                      + r.LoadAtStart + " at the start, " + r.LoadAtEnd + " at the end.");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(o.CommandLine);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Latency " + o.Latency.TotalMilliseconds.ToString(Inv) + " ms per API call, `-MaxConcurrency " + o.Concurrency + "`, org limit "
                      + o.OrgLimit + " in flight, invite job delay " + o.JobDelay.TotalMilliseconds.ToString(Inv) + " ms, "
                      + (o.Runs == 1 ? "one run per workload" : "median of " + o.Runs + " runs (calls of the first)") + ".");
        md.AppendLine("Move, disable, delete, invite and list run on a connection that already knows the portal and its user types; "
                      + "the single-user loop and the -First workloads on a fresh connection (its first command looks both up).");

        if (r.Workloads.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Calls versus the API minimum (calls to the CRM API; token requests not counted):");
            md.AppendLine();
            md.AppendLine("| Workload | Command | Calls | API minimum | Calls / minimum | Peak in flight | Checked |");
            md.AppendLine("|---|---|---|---:|---:|---:|---|");
            foreach (var (m, _) in r.Workloads)
            {
                var min = m.Workload.Minimum(m.Workload.Users);
                md.AppendLine("| " + m.Workload.Title + " | `" + m.Workload.Command.Replace("|", "\\|") + "` | " + m.Calls.Api.ToString("N0", Inv) + " (" + m.Calls.Breakdown() + ") | "
                              + min.ToString("N0", Inv) + " (" + m.Workload.MinimumText + ") | " + Ratio(m.Calls.Api, min) + " | " + m.PeakInFlight + " | " + m.Outcome + " |");
            }

            md.AppendLine();
            md.AppendLine("Wall time versus the dependency-aware ideal, and the naive loop on the same workload ("
                          + (o.NaiveSample == null ? "run over every user" : "~: run on " + o.NaiveSample + " users and extrapolated linearly") + "):");
            md.AppendLine();
            md.AppendLine("| Workload | ZohoPortal | Ideal | ZohoPortal / ideal | Mean in flight | Users/s | Naive calls | Naive time | Naive / ZohoPortal |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (m, n) in r.Workloads)
            {
                var meanInFlight = m.Calls.Api * o.Latency.TotalSeconds / m.Wall.TotalSeconds;
                var naiveCalls = n == null ? "" : (n.Extrapolated ? "~" : "") + n.Calls.ToString("N0", Inv);
                var naiveTime = n == null ? "" : (n.Extrapolated ? "~" : "") + S(n.Wall);
                md.AppendLine("| " + m.Workload.Title + " | " + S(m.Wall) + " | " + S(m.Ideal) + " | " + Ratio(m.Wall.TotalSeconds, m.Ideal.TotalSeconds) + " | "
                              + meanInFlight.ToString("0.0", Inv) + " | " + (m.Workload.Users / m.Wall.TotalSeconds).ToString("N0", Inv) + " | "
                              + naiveCalls + " | " + naiveTime + " | " + (n == null ? "" : Ratio(n.Wall.TotalSeconds, m.Wall.TotalSeconds)) + " |");
            }
            var naives = r.Workloads.Where(x => x.Naive is { Extrapolated: true }).ToList();
            if (naives.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Naive loop, measured part: " + string.Join("; ", naives.Select(x => x.Module.Workload.Title + " " + x.Naive!.Sample + " users, "
                    + x.Naive.SampleCalls.ToString("N0", Inv) + " calls, " + S(x.Naive.SampleWall) + " (" + x.Naive.Outcome + ")")) + ".");
            }
            md.AppendLine();
            md.AppendLine("Where the time went (first run of each workload; spans from the first call's arrival, from the emulator's log; CPU during the command):");
            md.AppendLine();
            md.AppendLine("| Workload | Calls by kind: span (count, mean in flight) | CPU |");
            md.AppendLine("|---|---|---|");
            foreach (var (m, _) in r.Workloads)
                md.AppendLine("| " + m.Workload.Title + " | " + m.Timeline + " | " + m.Cpu + " |");
            var loop = r.Workloads.FirstOrDefault(x => x.Module.Workload.Key == "Loop").Module;
            if (loop != null)
            {
                md.AppendLine();
                md.AppendLine("Single-user loop: " + (loop.Calls.Api / (double)loop.Workload.Users).ToString("0.000", Inv) + " calls per user ("
                              + loop.Calls.Lookups.ToString("N0", Inv) + " lookups for " + loop.Workload.Users.ToString("N0", Inv) + " commands), "
                              + (loop.Wall.TotalMilliseconds / loop.Workload.Users).ToString("0", Inv) + " ms per command.");
            }

            var listings = r.Workloads.Where(x => x.Module.FirstObject != null).Select(x => x.Module).ToList();
            if (listings.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Listing: time to the first object and objects per second:");
                md.AppendLine();
                md.AppendLine("| Command | Objects | First object | Ideal first | All | Ideal all | Objects/s |");
                md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
                foreach (var m in listings)
                {
                    var idealFirst = IdealSchedule.Makespan(m.Workload.Plan(1).Take(m.Workload.Key == "First" ? 2 : 1).ToList(), o.Latency, o.Concurrency);
                    md.AppendLine("| `" + m.Workload.Command.Replace("|", "\\|") + "` | " + m.Objects.ToString("N0", Inv) + " | " + S(m.FirstObject!.Value) + " | " + S(idealFirst) + " | "
                                  + S(m.Wall) + " | " + S(m.Ideal) + " | " + (m.Objects / m.Wall.TotalSeconds).ToString("N0", Inv) + " |");
                }
            }
        }

        if (r.Memory.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Live managed heap growth in pwsh while `Get-PortalUser -UserType Customers` streams every user (latency "
                          + o.MemoryLatency.TotalMilliseconds.ToString(Inv) + " ms, so the pages arrive faster than the slow consumer takes them; fast: `ForEach-Object` counting; "
                          + "slow: 5 ms pause every 100 users, about 20,000 users/s; `GC.GetTotalMemory(true)` sampled 20 times a run by the consumer, growth = highest sample minus the heap before the command):");
            md.AppendLine();
            md.AppendLine("| Users | Consumer | Peak growth | Heap before | Wall | Users/s | Pages |");
            md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
            foreach (var m in r.Memory)
                md.AppendLine("| " + m.Users.ToString("N0", Inv) + " | " + m.Consumer + " | " + m.GrowthMb.ToString("0.0", Inv) + " MB | " + m.BaseMb.ToString("0.0", Inv) + " MB | "
                              + S(m.Wall) + " | " + (m.Objects / m.Wall.TotalSeconds).ToString("N0", Inv) + " | " + m.Pages.ToString("N0", Inv) + " |");
        }

        if (r.Import != null)
        {
            md.AppendLine();
            md.AppendLine("Import-Module in a fresh pwsh, median of " + r.Import.Runs + ": out/ZohoPortal " + Ms(r.Import.Module) + ", an empty binary module (bench/EmptyModule: a manifest and one cmdlet) "
                          + Ms(r.Import.Empty) + ": " + Ratio(r.Import.Module.TotalMilliseconds, r.Import.Empty.TotalMilliseconds) + ".");
        }
        if (r.Core != null)
        {
            md.AppendLine();
            md.AppendLine("One page of 25 users, zero latency, median of " + r.Core.Calls.ToString("N0", Inv) + ": `ZohoPortalClient.GetUsersPageAsync` "
                          + Us(r.Core.Core) + ", a bare `HttpClient` GET of the same URL (body read as text) " + Us(r.Core.Bare) + ": "
                          + ((r.Core.Core - r.Core.Bare).TotalMicroseconds).ToString("+0;-0", Inv) + " µs.");
        }
        return md.ToString();
    }

    private static string S(TimeSpan t) => WorkloadRunner.Seconds(t);
    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", Inv) + " ms";
    private static string Us(TimeSpan t) => t.TotalMicroseconds.ToString("0", Inv) + " µs";
    private static string Ratio(double a, double b) => b <= 0 ? "" : (a / b).ToString("0.00", Inv) + "x";

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line != null) cpu = line.Substring(line.IndexOf(':') + 1).Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Environment.ProcessorCount + " cores (" + cpu + "), " + RuntimeInformation.OSDescription;
    }

    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string Commit()
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true };
            foreach (var a in new[] { "describe", "--always", "--dirty", "--abbrev=7" }) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text.Length == 0 ? "unknown" : text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
