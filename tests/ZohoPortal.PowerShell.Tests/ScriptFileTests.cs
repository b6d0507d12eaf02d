using System.Collections;
using System.Management.Automation.Language;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// The PowerShell scripts of the repository cannot run here (no pwsh, no Pester), so they are
/// checked statically: they must parse, and the Pester suite may only call ZohoPortal cmdlets and
/// parameters that exist, in combinations PowerShell can bind.
/// </summary>
public sealed class ScriptFileTests : IDisposable
{
    /// <summary>
    /// Lists misuses of the module's commands in a script: unknown ZohoPortal-looking commands,
    /// parameters that are neither a parameter name nor an alias (abbreviations are refused too),
    /// and anything PowerShell's static binder rejects (ambiguous parameter sets, extra positional
    /// arguments). Returns @{ Checked = <command count>; Problems = <lines> }.
    /// </summary>
    private const string UsageChecker = """
        function Test-ZohoPortalUsage([System.Management.Automation.Language.Ast] $Ast, [string] $Source) {
            $exported = @{}
            foreach ($command in Get-Command -Module ZohoPortal, ZohoPortal.Emulator) {
                $names = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
                foreach ($parameter in $command.Parameters.Values) {
                    $null = $names.Add($parameter.Name)
                    foreach ($alias in $parameter.Aliases) { $null = $names.Add($alias) }
                }
                $exported[$command.Name] = $names
            }
            $problems = [System.Collections.Generic.List[string]]::new()
            $checked = 0
            $commandAsts = $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
            foreach ($commandAst in $commandAsts) {
                $name = $commandAst.GetCommandName()
                if (-not $name) { continue }
                $where = "${Source}:$($commandAst.Extent.StartLineNumber): $($commandAst.Extent.Text)"
                if (-not $exported.ContainsKey($name)) {
                    if ($name -match '^[A-Za-z]+-(Zoho)?Portal') { $problems.Add("$where -> $name is not a ZohoPortal command") }
                    continue
                }
                $checked++
                foreach ($element in $commandAst.CommandElements) {
                    if ($element -is [System.Management.Automation.Language.CommandParameterAst] -and -not $exported[$name].Contains($element.ParameterName)) {
                        $problems.Add("$where -> $name has no parameter -$($element.ParameterName)")
                    }
                }
                $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($commandAst, $true)
                # A command that is not first in its pipeline gets its mandatory input from there.
                $piped = $commandAst.Parent -is [System.Management.Automation.Language.PipelineAst] -and $commandAst.Parent.PipelineElements.IndexOf($commandAst) -gt 0
                foreach ($failure in $binding.BindingExceptions.GetEnumerator()) {
                    if ($piped -and $failure.Value.BindingException.ErrorId -eq 'MissingArgument') { continue }
                    $problems.Add("$where -> $($failure.Value.BindingException.ErrorId) ($($failure.Key))")
                }
            }
            @{ Checked = $checked; Problems = $problems.ToArray() }
        }
        """;

    private readonly PowerShellSession _ps = new();

    public ScriptFileTests() => _ps.RunClean(UsageChecker);

    public void Dispose() => _ps.Dispose();

    private static List<string> ScriptFiles()
    {
        var files = new List<string> { Path.Combine(ModulePath.RepoRoot, "build.ps1") };
        files.AddRange(Directory.GetFiles(Path.Combine(ModulePath.RepoRoot, "tests"), "*.ps1").OrderBy(f => f, StringComparer.Ordinal));
        return files;
    }

    private (int Checked, string[] Problems) CheckUsage(ScriptBlockAst ast, string source)
    {
        var result = _ps.Run("Test-ZohoPortalUsage -Ast $ast -Source $source", new Dictionary<string, object?> { ["ast"] = ast, ["source"] = source });
        Assert.Empty(result.Errors);
        var table = (Hashtable)Assert.Single(result.Output).BaseObject;
        return ((int)table["Checked"]!, ((object[])table["Problems"]!).Cast<string>().ToArray());
    }

    [Fact]
    public void BuildScriptAndTestScripts_ParseWithoutErrors()
    {
        var files = ScriptFiles();
        Assert.Contains(files, f => f.EndsWith("build.ps1", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("ZohoPortal.Tests.ps1", StringComparison.Ordinal));

        var errors = files
            .SelectMany(file =>
            {
                Assert.True(File.Exists(file), file + " is missing.");
                Parser.ParseFile(file, out _, out var parseErrors);
                return parseErrors.Select(e => Path.GetFileName(file) + ":" + e.Extent.StartLineNumber + ": " + e.Message);
            })
            .ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void PesterSuite_UsesOnlyExistingCmdletsAndParameters()
    {
        var file = Path.Combine(ModulePath.RepoRoot, "tests", "ZohoPortal.Tests.ps1");
        var ast = Parser.ParseFile(file, out _, out var parseErrors);
        Assert.Empty(parseErrors);

        var (checkedCommands, problems) = CheckUsage(ast, "ZohoPortal.Tests.ps1");

        Assert.True(problems.Length == 0, string.Join("\n", problems));
        Assert.True(checkedCommands >= 20, "Only " + checkedCommands + " ZohoPortal commands were found in the Pester suite.");
    }

    [Fact]
    public void UsageChecker_ReportsTyposAndImpossibleCombinations()
    {
        var script = string.Join("\n",
            "Get-Portal -Nmae ZylkerAutos",
            "Get-Portals",
            "Connect-ZohoPortal -Emulator -ClientId x",
            "Remove-Portal -Nam ZylkerAutos",
            "Get-Portal -PortalName ZylkerAutos",
            "Get-Portal a b",
            "Get-PortalUser | Move-PortalUser -Destination Partners");
        var ast = Parser.ParseInput(script, out _, out var parseErrors);
        Assert.Empty(parseErrors);

        var (checkedCommands, problems) = CheckUsage(ast, "sample");

        Assert.Equal(7, checkedCommands);
        Assert.Contains(problems, p => p.StartsWith("sample:1:", StringComparison.Ordinal) && p.Contains("has no parameter -Nmae"));
        Assert.Contains(problems, p => p.StartsWith("sample:2:", StringComparison.Ordinal) && p.Contains("Get-Portals is not a ZohoPortal command"));
        Assert.Contains(problems, p => p.StartsWith("sample:3:", StringComparison.Ordinal) && p.Contains("AmbiguousParameterSet"));
        // An abbreviation binds in PowerShell but is refused here: scripts spell parameters out.
        Assert.Contains(problems, p => p.StartsWith("sample:4:", StringComparison.Ordinal) && p.Contains("has no parameter -Nam"));
        // Aliases are fine.
        Assert.DoesNotContain(problems, p => p.StartsWith("sample:5:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sample:6:", StringComparison.Ordinal) && p.Contains("PositionalParameterNotFound"));
        // Input piped in stands for the mandatory parameter the static binder misses.
        Assert.DoesNotContain(problems, p => p.StartsWith("sample:7:", StringComparison.Ordinal));
    }
}
