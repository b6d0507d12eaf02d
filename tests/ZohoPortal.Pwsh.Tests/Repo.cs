using System.Reflection;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>Paths fixed at build time (see the csproj's AssemblyMetadata).</summary>
internal static class Repo
{
    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("No " + key + " metadata.");

    public static string Root { get; } = Path.GetFullPath(Metadata("RepoRoot"));
    public static string StagedModule { get; } = Path.Combine(Root, "out", "ZohoPortal", "ZohoPortal.psd1");
    public static string PesterModule { get; } = Metadata("PesterModule");
    public static string PesterSummaryFile { get; } = Metadata("PesterSummaryFile");
    public static string Runbook(string name) => Path.Combine(Root, "tests", "runbooks", name);
}
