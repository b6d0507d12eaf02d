using System.Globalization;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.LoadBench;

/// <summary>One kind of call over a measured run: when the first arrived, when the last was answered, how many were in flight meanwhile.</summary>
internal sealed record PhaseSpan(string Kind, int Calls, TimeSpan From, TimeSpan To, double MeanInFlight);

/// <summary>
/// Where a run's time went, from the emulator's request log (arrival and answer of each call):
/// per kind of call, its span and the calls kept in flight during it. Gaps between the spans and
/// a mean in flight below the connection's limit are the client's share of the wall time.
/// </summary>
internal static class Timeline
{
    public static IReadOnlyList<PhaseSpan> Phases(IReadOnlyList<RequestLogEntry> log)
    {
        var api = log.Where(CallKind.IsApi).ToList();
        if (api.Count == 0) return Array.Empty<PhaseSpan>();
        var origin = api.Min(e => e.Received);
        return api.GroupBy(CallKind.Of)
            .Select(g =>
            {
                var from = g.Min(e => e.Received);
                var to = g.Max(e => e.Time);
                var busy = g.Sum(e => (e.Time - e.Received).TotalMilliseconds);
                var span = (to - from).TotalMilliseconds;
                return new PhaseSpan(g.Key, g.Count(), from - origin, to - origin, span <= 0 ? 0 : busy / span);
            })
            .OrderBy(p => p.From)
            .ToList();
    }

    /// <summary>"lookup 0.00-0.20 s (2, 1.0 in flight); page 0.20-1.01 s (50, 6.1 in flight); ..."</summary>
    public static string Describe(IReadOnlyList<PhaseSpan> phases) =>
        string.Join("; ", phases.Select(p => p.Kind + " " + S(p.From) + "-" + S(p.To) + " s (" + p.Calls + ", "
            + p.MeanInFlight.ToString("0.0", CultureInfo.InvariantCulture) + " in flight)"));

    /// <summary>One line per CRM API call: kind, arrival and answer in ms from the first arrival, method, path and query.</summary>
    public static void WriteCsv(string path, IReadOnlyList<RequestLogEntry> log)
    {
        var api = log.Where(CallKind.IsApi).OrderBy(e => e.Received).ToList();
        var lines = new List<string> { "kind,received_ms,answered_ms,method,path,query" };
        if (api.Count > 0)
        {
            var origin = api[0].Received;
            string Ms(DateTimeOffset t) => (t - origin).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
            lines.AddRange(api.Select(e => CallKind.Of(e) + "," + Ms(e.Received) + "," + Ms(e.Time) + "," + e.Method + "," + e.Path + ",\"" + e.Query.Replace("\"", "\"\"") + "\""));
        }
        File.WriteAllLines(path, lines);
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
