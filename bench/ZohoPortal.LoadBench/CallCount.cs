using ZohoPortal.Emulator.Http;

namespace ZohoPortal.LoadBench;

/// <summary>What an API call was for, from its method and path: "page", "job check", "lookup" (other reads) or "change".</summary>
internal static class CallKind
{
    public static string Of(RequestLogEntry e)
    {
        var isGet = e.Method == "GET";
        if (isGet && e.Path.EndsWith("/users", StringComparison.Ordinal)) return "page";
        if (isGet && e.Path.EndsWith("/actions/portal_invite", StringComparison.Ordinal)) return "job check";
        return isGet ? "lookup" : "change";
    }

    /// <summary>A call to the CRM API (token requests to Zoho Accounts are not API calls).</summary>
    public static bool IsApi(RequestLogEntry e) => e.Path.StartsWith("/crm/", StringComparison.Ordinal);
}

/// <summary>The API calls of one measured run, by what they were for (the emulator's request log).</summary>
internal sealed record CallCount(int Lookups, int Pages, int Changes, int JobChecks, int Throttled, int Tokens)
{
    /// <summary>Every call to the CRM API (token requests to Zoho Accounts are not API calls).</summary>
    public int Api => Lookups + Pages + Changes + JobChecks;

    public static CallCount From(IReadOnlyList<RequestLogEntry> log)
    {
        int lookups = 0, pages = 0, changes = 0, jobs = 0, throttled = 0, tokens = 0;
        foreach (var e in log)
        {
            if (!CallKind.IsApi(e))
            {
                tokens++;
                continue;
            }
            if (e.Status == 429) throttled++;
            switch (CallKind.Of(e))
            {
                case "page": pages++; break;
                case "job check": jobs++; break;
                case "lookup": lookups++; break;
                default: changes++; break;
            }
        }
        return new CallCount(lookups, pages, changes, jobs, throttled, tokens);
    }

    public string Breakdown()
    {
        var parts = new List<string>();
        if (Lookups > 0) parts.Add(Lookups + " lookup");
        if (Pages > 0) parts.Add(Pages + " page");
        if (Changes > 0) parts.Add(Changes + " change");
        if (JobChecks > 0) parts.Add(JobChecks + " job check");
        if (Throttled > 0) parts.Add(Throttled + " answered 429");
        return string.Join(" + ", parts);
    }
}
