using System.Xml.Linq;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// The build stages the modules and writes their help for the test projects that reference them.
/// MSBuild lets a referencing project go as soon as the referenced project's Build target is done,
/// before targets hooked AfterTargets="Build" have run; so such work must hook inside Build
/// (after CoreBuild), or a test project may start while a module or its help is still being written.
/// </summary>
public sealed class BuildOrderTests
{
    [Fact]
    public void NoProjectHooksWorkAfterItsBuildTarget()
    {
        var offenders = new List<string>();
        foreach (var file in ProjectFiles())
        {
            foreach (var target in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "Target"))
            {
                var after = ((string?)target.Attribute("AfterTargets") ?? string.Empty)
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (after.Contains("Build", StringComparer.OrdinalIgnoreCase))
                    offenders.Add(Path.GetRelativePath(Repo.Root, file) + ": " + (string?)target.Attribute("Name"));
            }
        }

        Assert.True(offenders.Count == 0, "Targets hooked AfterTargets=\"Build\" (use AfterTargets=\"CoreBuild\"): " + string.Join(", ", offenders));
    }

    [Fact]
    public void TheStagingAndHelpTargetsRunInsideBuild()
    {
        // The rule above would also hold if these targets were simply removed: check they are there.
        Assert.Equal("CoreBuild", AfterTargetsOf("src/ZohoPortal/ZohoPortal.csproj", "StageModule"));
        Assert.Equal("CoreBuild", AfterTargetsOf("src/ZohoPortal.Emulator.PowerShell/ZohoPortal.Emulator.PowerShell.csproj", "StageEmulatorModule"));
        Assert.Equal("CoreBuild", AfterTargetsOf("tools/ZohoPortal.HelpGen/ZohoPortal.HelpGen.csproj", "GenerateZohoPortalHelp"));
        Assert.Equal("GenerateZohoPortalHelp", AfterTargetsOf("tools/ZohoPortal.HelpGen/ZohoPortal.HelpGen.csproj", "GenerateEmulatorModuleHelp"));
    }

    private static string? AfterTargetsOf(string project, string target) =>
        (string?)XDocument.Load(Path.Combine(Repo.Root, project)).Descendants()
            .Single(e => e.Name.LocalName == "Target" && (string?)e.Attribute("Name") == target)
            .Attribute("AfterTargets");

    private static IEnumerable<string> ProjectFiles()
    {
        var skipped = new[] { "bin", "obj", "out", ".git", "node_modules" };
        var pending = new Stack<string>(new[] { Repo.Root });
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
                if (!skipped.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase)) pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir))
                if (file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
                    || file.EndsWith(".targets", StringComparison.OrdinalIgnoreCase))
                    yield return file;
        }
    }
}
