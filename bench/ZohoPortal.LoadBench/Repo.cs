namespace ZohoPortal.LoadBench;

/// <summary>Paths in the repository the harness runs from.</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string StagedModule => Path.Combine(Root, "out", "ZohoPortal", "ZohoPortal.psd1");
    public static string Readme => Path.Combine(Root, "bench", "README.md");
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZohoPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("ZohoPortal.sln not found above " + AppContext.BaseDirectory + ".");
    }
}
