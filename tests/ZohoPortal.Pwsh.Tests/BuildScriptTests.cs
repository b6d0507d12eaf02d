namespace ZohoPortal.Pwsh.Tests;

/// <summary>build.ps1 as a contributor runs it: `dotnet pwsh ./build.ps1`, pwsh being a .NET tool.</summary>
public sealed class BuildScriptTests
{
    [Fact]
    public async Task PesterTask_UnderPwshAsADotnetTool_StartsItsChildShellAndPasses()
    {
        var run = await Pwsh.RunFileAsync(Path.Combine(Repo.Root, "build.ps1"),
            new[] { "-Task", "Pester", "-TestPath", Path.Combine("tests", "pester", "ConnectionScope.Tests.ps1") });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Tests Passed: 2, Failed: 0", run.Output);
        Assert.Contains("Pester results:", run.Output);
    }

    [Fact]
    public async Task PesterTask_FailsWhenATestFails()
    {
        var failing = Path.Combine(Path.GetTempPath(), "zp-failing-" + Guid.NewGuid().ToString("N") + ".Tests.ps1");
        File.WriteAllText(failing, "Describe 'd' { It 'fails' { 1 | Should -Be 2 } }");
        try
        {
            var run = await Pwsh.RunFileAsync(Path.Combine(Repo.Root, "build.ps1"), new[] { "-Task", "Pester", "-TestPath", failing });

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("The Pester suite failed (1 failed", run.Output + run.Errors);
        }
        finally
        {
            File.Delete(failing);
        }
    }
}
