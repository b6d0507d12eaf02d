#Requires -Version 5.1
<#
.SYNOPSIS
    Runs the Pester 5 suites of the repository against the staged module and writes a summary.

.DESCRIPTION
    Used by the test command (tests/ZohoPortal.Pwsh.Tests runs it in real pwsh) and by
    ./build.ps1 -Task Pester. Runs every *.Tests.ps1 under -Path, writes the counts and every
    failure as JSON to -SummaryPath, and exits with the number of failed tests and blocks
    (0 when all passed).

.PARAMETER PesterModule
    Path to Pester.psd1 (5.x), e.g. the NuGet package's tools/Pester.psd1.

.PARAMETER Path
    Folders or files to run. Default: the repository's tests folder.

.PARAMETER SummaryPath
    Where the JSON summary goes.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $PesterModule,

    [string[]] $Path = @($PSScriptRoot | Split-Path -Parent),

    [Parameter(Mandatory = $true)]
    [string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

Import-Module $PesterModule -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = [IO.Path]::ChangeExtension($SummaryPath, '.nunit.xml')

$result = Invoke-Pester -Configuration $configuration

$failures = @(
    foreach ($test in $result.Failed) {
        [ordered]@{ Name = $test.ExpandedPath; Error = (@($test.ErrorRecord | ForEach-Object { $_.ToString() }) -join "`n") }
    }
    foreach ($block in $result.FailedBlocks) {
        [ordered]@{ Name = 'block ' + ($block.Path -join '.'); Error = (@($block.ErrorRecord | ForEach-Object { $_.ToString() }) -join "`n") }
    }
    foreach ($container in $result.FailedContainers) {
        [ordered]@{ Name = 'file ' + $container.Item; Error = (@($container.ErrorRecord | ForEach-Object { $_.ToString() }) -join "`n") }
    }
)
$summary = [ordered]@{
    Pester     = (Get-Module Pester).Version.ToString()
    PowerShell = $PSVersionTable.PSVersion.ToString()
    Result     = $result.Result
    Total      = $result.TotalCount
    Passed     = $result.PassedCount
    Failed     = $result.FailedCount
    Skipped    = $result.SkippedCount
    NotRun     = $result.NotRunCount
    Files      = @($result.Containers | ForEach-Object { [string]$_.Item })
    Failures   = $failures
}
$null = New-Item -ItemType Directory -Path (Split-Path -Parent $SummaryPath) -Force
$summary | ConvertTo-Json -Depth 5 | Set-Content -Path $SummaryPath -Encoding UTF8
exit ($failures.Count)
