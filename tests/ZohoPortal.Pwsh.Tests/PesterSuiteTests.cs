using System.Text.Json;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// Every Pester file of the repository (tests/**/*.Tests.ps1), run by Pester 5.9.1 in real
/// pwsh 7.6.9 against the staged module. One failing It fails this test and the test command;
/// the counts are printed after xunit's (see the csproj).
/// </summary>
public sealed class PesterSuiteTests
{
    [Fact]
    public async Task EveryPesterTest_PassesInRealPwsh()
    {
        Assert.True(File.Exists(Repo.StagedModule), "The module is not staged at " + Repo.StagedModule + ".");
        Assert.True(File.Exists(Repo.PesterModule), "Pester was not restored to " + Repo.PesterModule + ".");
        var summaryJson = Path.ChangeExtension(Repo.PesterSummaryFile, ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(summaryJson)!);
        File.Delete(summaryJson);

        var run = await Pwsh.RunFileAsync(Path.Combine(Repo.Root, "tests", "pester", "Invoke-PesterSuite.ps1"),
            new[] { "-PesterModule", Repo.PesterModule, "-SummaryPath", summaryJson });

        Assert.True(File.Exists(summaryJson), "The Pester run wrote no summary.\n" + run);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryJson));
        var root = summary.RootElement;
        int Count(string name) => root.GetProperty(name).GetInt32();
        var files = root.GetProperty("Files").EnumerateArray().Select(f => Path.GetRelativePath(Repo.Root, f.GetString()!)).ToList();
        File.WriteAllText(Repo.PesterSummaryFile,
            "Pester " + root.GetProperty("Pester").GetString() + " on pwsh " + root.GetProperty("PowerShell").GetString() + ": "
            + root.GetProperty("Result").GetString() + "!  - Failed: " + Count("Failed") + ", Passed: " + Count("Passed")
            + ", Skipped: " + Count("Skipped") + ", Not run: " + Count("NotRun") + ", Total: " + Count("Total")
            + " - " + string.Join(", ", files));

        var failures = root.GetProperty("Failures").EnumerateArray()
            .Select(f => f.GetProperty("Name").GetString() + "\n    " + f.GetProperty("Error").GetString()).ToList();
        Assert.True(failures.Count == 0, failures.Count + " Pester failures:\n" + string.Join("\n", failures) + "\n" + run.Errors);
        Assert.Equal("Passed", root.GetProperty("Result").GetString());
        Assert.Equal(0, run.ExitCode);
        // Nothing skipped or left out: a skipped test is a test that rots.
        Assert.Equal(0, Count("Skipped"));
        Assert.Equal(0, Count("NotRun"));
        Assert.True(Count("Passed") > 0, "Pester ran no test.\n" + run);
        Assert.Contains(Path.Combine("tests", "ZohoPortal.Tests.ps1"), files);
    }
}
