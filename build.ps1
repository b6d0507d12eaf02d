<#
.SYNOPSIS
    Builds, tests and packages the ZohoPortal module.

.DESCRIPTION
    Build    dotnet build of ZohoPortal.sln. It stages an importable module at out/ZohoPortal
             (manifest, assemblies, format files, en-US help) from a clean folder.
    Test     dotnet test of ZohoPortal.sln, then the Pester 5 suite (tests/*.Tests.ps1) in a
             child PowerShell process, when Pester 5 is installed.
    Package  Build, then copy out/ZohoPortal and out/ZohoPortal.Emulator to
             out/package/<module>/<version>/ and zip both as out/package/ZohoPortal-<version>.zip
             (extract into a folder on $env:PSModulePath).
    All      Build, Test and Package.

    Works in Windows PowerShell 5.1 and PowerShell 7. Needs the .NET SDK (dotnet) on PATH.

.PARAMETER Task
    Build (default), Test, Package or All.

.PARAMETER Configuration
    Release (default) or Debug.

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task All -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'All')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$solution = Join-Path $root 'ZohoPortal.sln'
$outDir = Join-Path $root 'out'
$stageDir = Join-Path $outDir 'ZohoPortal'
# The companion module (the emulator's cmdlets), staged beside the main module and shipped with it.
$emulatorStageDir = Join-Path $outDir 'ZohoPortal.Emulator'
$packageDir = Join-Path $outDir 'package'

function Invoke-Dotnet {
    param([Parameter(Mandatory = $true)][string[]] $Arguments)

    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'dotnet was not found on PATH. Install the .NET 10 SDK.'
    }
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-BuildTask {
    # Start from an empty stage so files of earlier builds can never slip into a package.
    foreach ($dir in @($stageDir, $emulatorStageDir)) {
        if (Test-Path $dir) {
            Remove-Item -Path $dir -Recurse -Force
        }
    }
    Invoke-Dotnet -Arguments @('build', $solution, '-c', $Configuration)

    $expected = @('ZohoPortal.psd1', 'ZohoPortal.dll', 'en-US/ZohoPortal.dll-Help.xml', 'en-US/about_ZohoPortal.help.txt')
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $stageDir $file))) {
            throw "The build did not stage $file in $stageDir."
        }
    }
    $expectedEmulator = @('ZohoPortal.Emulator.psd1', 'ZohoPortal.Emulator.PowerShell.dll', 'ZohoPortal.Emulator.dll', 'en-US/ZohoPortal.Emulator.PowerShell.dll-Help.xml')
    foreach ($file in $expectedEmulator) {
        if (-not (Test-Path (Join-Path $emulatorStageDir $file))) {
            throw "The build did not stage $file in $emulatorStageDir."
        }
    }
    if (Test-Path (Join-Path $stageDir 'ZohoPortal.Emulator.dll')) {
        throw "The emulator engine was staged inside ${stageDir}: the main module must not carry emulator code."
    }
    Write-Host "Modules staged at $stageDir and $emulatorStageDir" -ForegroundColor Green
}

function Invoke-PesterSuite {
    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Warning ('Pester 5 is not installed: the Pester suite (tests/*.Tests.ps1) was NOT run. ' +
            'Install it with: Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck')
        return
    }

    $suites = @(Get-ChildItem -Path (Join-Path $root 'tests') -Filter '*.Tests.ps1' -File)
    if ($suites.Count -eq 0) {
        throw 'No Pester suite found (tests/*.Tests.ps1).'
    }
    $resultDir = Join-Path $outDir 'TestResults'
    $null = New-Item -ItemType Directory -Path $resultDir -Force
    $resultFile = Join-Path $resultDir 'pester.xml'

    $paths = ($suites | ForEach-Object { "'" + ($_.FullName -replace "'", "''") + "'" }) -join ', '
    $script = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module Pester -RequiredVersion '$($pester.Version)'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @($paths)
`$configuration.Run.Exit = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputPath = '$($resultFile -replace "'", "''")'
Invoke-Pester -Configuration `$configuration
"@

    # A child process: importing the module loads its assemblies for the life of the process,
    # which would lock out/ZohoPortal against the next build if it happened in this session.
    $shell = (Get-Process -Id $PID).Path
    if (-not $shell) {
        $shell = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    }
    Write-Host "> Invoke-Pester $(($suites | ForEach-Object { $_.Name }) -join ', ') (Pester $($pester.Version))" -ForegroundColor Cyan
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    & $shell -NoProfile -NonInteractive -EncodedCommand $encoded
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester suite failed (exit code ${LASTEXITCODE}: the number of failed tests, or 1 for an error)."
    }
    Write-Host "Pester results: $resultFile" -ForegroundColor Green
}

function Invoke-TestTask {
    param([switch] $NoBuild)

    $arguments = @('test', $solution, '-c', $Configuration)
    if ($NoBuild) {
        $arguments += '--no-build'
    }
    Invoke-Dotnet -Arguments $arguments
    Invoke-PesterSuite
}

function Invoke-PackageTask {
    $manifestPath = Join-Path $stageDir 'ZohoPortal.psd1'
    if (-not (Test-Path $manifestPath)) {
        throw "Nothing to package: $stageDir holds no module."
    }
    $null = Test-ModuleManifest -Path $manifestPath
    $version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion

    # out/package/ZohoPortal/<version>/ is the layout Import-Module expects under a PSModulePath folder.
    $moduleDir = Join-Path $packageDir 'ZohoPortal'
    if (Test-Path $moduleDir) {
        Remove-Item -Path $moduleDir -Recurse -Force
    }
    $versionDir = Join-Path $moduleDir $version
    $null = New-Item -ItemType Directory -Path $versionDir -Force
    Copy-Item -Path (Join-Path $stageDir '*') -Destination $versionDir -Recurse -Force

    # The companion module ships in the same package, in the same layout, so that
    # Connect-ZohoPortal -Emulator finds it beside ZohoPortal once both are extracted.
    $emulatorModuleDir = Join-Path $packageDir 'ZohoPortal.Emulator'
    if (Test-Path $emulatorModuleDir) {
        Remove-Item -Path $emulatorModuleDir -Recurse -Force
    }
    $emulatorVersionDir = Join-Path $emulatorModuleDir $version
    $null = New-Item -ItemType Directory -Path $emulatorVersionDir -Force
    Copy-Item -Path (Join-Path $emulatorStageDir '*') -Destination $emulatorVersionDir -Recurse -Force

    $zip = Join-Path $packageDir "ZohoPortal-$version.zip"
    if (Test-Path $zip) {
        Remove-Item -Path $zip -Force
    }
    Compress-Archive -Path @($moduleDir, $emulatorModuleDir) -DestinationPath $zip
    Write-Host "Packaged ZohoPortal $version at $versionDir and $zip" -ForegroundColor Green
}

switch ($Task) {
    'Build' {
        Invoke-BuildTask
    }
    'Test' {
        Invoke-TestTask
    }
    'Package' {
        Invoke-BuildTask
        Invoke-PackageTask
    }
    'All' {
        Invoke-BuildTask
        Invoke-TestTask -NoBuild
        Invoke-PackageTask
    }
}
