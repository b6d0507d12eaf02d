using System.Management.Automation;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// Help for every exported cmdlet, discovered at run time: a cmdlet added without complete doc
/// comments fails here, naming what is missing.
/// </summary>
public sealed class HelpTests : IDisposable
{
    /// <summary>
    /// Reports every way a command's Get-Help -Full falls short of the module's help rules, one
    /// line each. It is a PowerShell function so it also runs against a command known to lack help.
    /// </summary>
    private const string HelpChecker = """
        function Get-HelpProblem([string[]] $Name) {
            $common = [System.Management.Automation.Cmdlet]::CommonParameters
            # Empty help sections come back as $null, which @() would count as one item.
            filter NotNull { if ($null -ne $_) { $_ } }
            foreach ($n in $Name) {
                $help = Get-Help $n -Full
                $command = Get-Command $n
                $synopsis = "$($help.Synopsis)".Trim()
                if ($synopsis.Length -eq 0) { "${n}: empty synopsis" }
                elseif ($synopsis.StartsWith($n + ' ')) { "${n}: no MAML help (the synopsis is the generated syntax)" }
                if ((@($help.description | ForEach-Object { $_.Text }) -join '').Trim().Length -eq 0) { "${n}: empty description" }

                $documented = @($help.parameters.parameter | NotNull | ForEach-Object { $_.name })
                foreach ($p in $command.Parameters.Keys) {
                    if ($common.Contains($p)) { continue }
                    $entry = @($help.parameters.parameter | NotNull | Where-Object { $_.name -eq $p })
                    if ($entry.Count -eq 0) { "${n}: parameter -$p is missing from help"; continue }
                    if ((@($entry[0].description | ForEach-Object { $_.Text }) -join '').Trim().Length -eq 0) { "${n}: parameter -$p has no description" }
                }
                foreach ($p in $documented) {
                    if (-not $command.Parameters.ContainsKey($p)) { "${n}: help documents -$p, which the command does not have (stale help)" }
                }
                $syntax = @($help.syntax.syntaxItem | NotNull)
                if ($syntax.Count -ne @($command.ParameterSets).Count) { "${n}: help has $($syntax.Count) syntax lines for $(@($command.ParameterSets).Count) parameter sets" }

                $examples = @($help.examples.example | NotNull)
                if ($examples.Count -lt 2) { "${n}: $($examples.Count) example(s), at least 2 required" }
                $i = 0
                foreach ($example in $examples) {
                    $i++
                    if ("$($example.code)".Trim().Length -eq 0) { "${n}: example $i has no code" }
                    if ((@($example.remarks | ForEach-Object { $_.Text }) -join '').Trim().Length -eq 0) { "${n}: example $i has no explanation" }
                }
            }
        }
        """;

    private readonly PowerShellSession _ps = new();

    public HelpTests() => _ps.RunClean(HelpChecker);

    public void Dispose() => _ps.Dispose();

    private List<string> ExportedCmdlets() =>
        _ps.RunClean("Get-Command -Module ZohoPortal, ZohoPortal.Emulator -CommandType Cmdlet | ForEach-Object Name").Select(o => (string)o.BaseObject).ToList();

    private List<string> Problems(IEnumerable<string> names)
    {
        var result = _ps.Run("Get-HelpProblem -Name $names", new Dictionary<string, object?> { ["names"] = names.ToArray() });
        Assert.Empty(result.Errors);
        return result.Output.Select(o => (string)o.BaseObject).ToList();
    }

    [Fact]
    public void EveryExportedCmdlet_HasCompleteHelp()
    {
        var names = ExportedCmdlets();
        Assert.Contains("Connect-ZohoPortal", names);

        var problems = Problems(names);

        Assert.True(problems.Count == 0, "Help problems (fix the XML doc comments of these cmdlets):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void HelpChecker_ReportsACommandWithoutHelp()
    {
        _ps.RunClean("function Test-NoHelp { [CmdletBinding()] param([string] $Value) }");

        var problems = Problems(new[] { "Test-NoHelp" });

        Assert.Contains("Test-NoHelp: no MAML help (the synopsis is the generated syntax)", problems);
        Assert.Contains("Test-NoHelp: empty description", problems);
        Assert.Contains(problems, p => p.StartsWith("Test-NoHelp: parameter -Value ", StringComparison.Ordinal));
        Assert.Contains("Test-NoHelp: 0 example(s), at least 2 required", problems);
    }

    [Fact]
    public void GeneratedHelp_CarriesTheCmdletMetadata()
    {
        var name = _ps.RunClean("(Get-Help Get-Portal -Full).parameters.parameter | Where-Object name -eq 'Name'").Single();
        Assert.Equal("0", name.Properties["position"].Value);
        Assert.Equal("true", name.Properties["globbing"].Value);
        Assert.Equal("PortalName", name.Properties["aliases"].Value);
        Assert.Equal("True (ByValue, ByPropertyName)", name.Properties["pipelineInput"].Value);
        Assert.Equal("false", name.Properties["required"].Value);

        var defaults = _ps.RunClean("(Get-Help Connect-ZohoPortal -Full).parameters.parameter | Where-Object { $_.name -in 'MaxConcurrency', 'DataCenter', 'PassThru', 'ClientId' } | ForEach-Object { $_.name + '=' + $_.defaultValue }")
            .Select(o => (string)o.BaseObject).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "ClientId=None", "DataCenter=US", "MaxConcurrency=10", "PassThru=False" }, defaults);

        Assert.Equal(10, _ps.RunClean("@((Get-Help Connect-ZohoPortal -Full).syntax.syntaxItem).Count").Single().BaseObject);
        Assert.Equal(new[] { "US", "EU", "IN", "AU", "JP", "CA", "SA", "CN" },
            _ps.RunClean("(Get-Help Connect-ZohoPortal -Full).parameters.parameter | Where-Object name -eq 'DataCenter' | ForEach-Object { $_.parameterValueGroup.parameterValue } | ForEach-Object { \"$_\" }")
                .Select(o => (string)o.BaseObject));

        // Multi-line example code keeps its lines, without the doc file's indentation.
        var code = (string)_ps.RunClean("@((Get-Help Start-ZohoPortalEmulator -Full).examples.example)[0].code").Single().BaseObject;
        Assert.Equal("$emu = Start-ZohoPortalEmulator\n$emu | Connect-ZohoPortal\nGet-Portal", code.Replace("\r\n", "\n"));

        Assert.Equal("ZohoPortal.Core.Models.Portal", _ps.RunClean("(Get-Help Get-Portal -Full).returnValues.returnValue.type.name").Single().BaseObject);
        Assert.Equal("None", _ps.RunClean("(Get-Help Remove-Portal -Full).returnValues.returnValue.type.name").Single().BaseObject);
        Assert.Contains("System.String", _ps.RunClean("(Get-Help Get-Portal -Full).inputTypes.inputType | ForEach-Object { $_.type.name }").Select(o => (string)o.BaseObject));

        var whatIf = _ps.RunClean("(Get-Help Remove-Portal -Full).parameters.parameter | Where-Object name -eq 'WhatIf' | ForEach-Object { $_.description.Text }").Single();
        Assert.Contains("no request that changes anything is sent", (string)whatIf.BaseObject);
    }

    [Fact]
    public void AboutTopic_IsStagedAndFoundByGetHelp()
    {
        Assert.True(File.Exists(Path.Combine(ModulePath.StageDir, "en-US", "about_ZohoPortal.help.txt")));

        var about = string.Join("\n", _ps.RunClean("Get-Help about_ZohoPortal").Select(o => o.ToString()));

        Assert.Contains("about_ZohoPortal", about);
        foreach (var section in new[] { "CONNECTING", "DATA CENTRES AND ENVIRONMENTS", "API VERSIONS", "RUNBOOKS AND UNATTENDED USE", "THE EMULATOR",
                     "WHATIF, CONFIRM AND FORCE", "ERRORS", "VERBOSE, DEBUG AND SECRETS", "USER TYPES", "PORTAL USERS", "INVITATIONS" })
            Assert.Contains("\n" + section + "\n", about.Replace("\r\n", "\n"));
        Assert.Contains("Connect-ZohoPortal -Emulator", about);
    }
}
