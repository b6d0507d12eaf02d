<#
.SYNOPSIS
    Builds, tests and packages the ZohoPortal module.

.DESCRIPTION
    Build    dotnet build of ZohoPortal.sln. It stages an importable module at out/ZohoPortal
             (manifest, assemblies, format files, en-US help) from a clean folder.
    Test     dotnet test of ZohoPortal.sln: the xunit projects, the Pester 5 suite and the
             runbook scripts in real pwsh 7.6.9 (the repository's local .NET tool).
    Pester   Only the Pester suite (tests/**/*.Tests.ps1, or -TestPath), in a child shell of
             the one running this script, against the module already staged.
    Package  Build, then copy out/ZohoPortal and out/ZohoPortal.Emulator to
             out/package/<module>/<version>/ and zip both as out/package/ZohoPortal-<version>.zip
             (extract into a folder on $env:PSModulePath).
    All      Build, Test and Package.

    Works in Windows PowerShell 5.1 and PowerShell 7. Needs the .NET SDK (dotnet) on PATH.

.PARAMETER Task
    Build (default), Test, Package or All.

.PARAMETER Configuration
    Release (default) or Debug.

.PARAMETER TestPath
    Pester task only: the Pester files or folders to run (default: tests).

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task All -Configuration Release

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Pester -TestPath tests/ZohoPortal.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'All')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string[]] $TestPath = @(Join-Path $PSScriptRoot 'tests')
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

function Get-ChildShell {
    # The shell running this script, started again as a child. (Get-Process -Id $PID).Path is
    # dotnet when pwsh runs as a .NET tool (`dotnet pwsh`), so the shell is found from $PSHOME.
    if ($PSVersionTable.PSEdition -ne 'Core') {
        return @{ File = Join-Path $PSHOME 'powershell.exe'; Arguments = @() }
    }
    $hostPath = (Get-Process -Id $PID).Path
    if ($hostPath -and ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet')) {
        return @{ File = $hostPath; Arguments = @(Join-Path $PSHOME 'pwsh.dll') }
    }
    $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    return @{ File = Join-Path $PSHOME $name; Arguments = @() }
}

function Get-PesterModulePath {
    # Pester 5.9.1 comes from NuGet (tests/ZohoPortal.Pwsh.Tests downloads it); an installed Pester 5 also works.
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $fromNuGet = Join-Path $packages.Trim() 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $fromNuGet)) {
        Invoke-Dotnet -Arguments @('restore', (Join-Path $root 'tests/ZohoPortal.Pwsh.Tests/ZohoPortal.Pwsh.Tests.csproj'))
    }
    if (Test-Path $fromNuGet) {
        return $fromNuGet
    }
    $installed = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $installed) {
        throw "Pester 5 was not found at $fromNuGet nor installed."
    }
    return $installed.Path
}

function Invoke-PesterSuite {
    param([string[]] $Path = @(Join-Path $root 'tests'))

    if (-not (Test-Path (Join-Path $stageDir 'ZohoPortal.psd1'))) {
        throw "No module staged at ${stageDir}: run ./build.ps1 first."
    }
    $pester = Get-PesterModulePath
    $summary = Join-Path $outDir 'TestResults/pester-build.json'
    $shell = Get-ChildShell
    Write-Host "> Invoke-Pester $($Path -join ', ') ($pester)" -ForegroundColor Cyan
    # A child process: importing the module loads its assemblies for the life of the process,
    # which would lock out/ZohoPortal against the next build if it happened in this session.
    $arguments = @($shell.Arguments) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-PesterModule', $pester, '-SummaryPath', $summary, '-Path') + $Path
    & $shell.File @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester suite failed ($LASTEXITCODE failed tests or blocks; see $summary)."
    }
    Write-Host "Pester results: $summary" -ForegroundColor Green
}

function Invoke-TestTask {
    param([switch] $NoBuild)

    # One command runs everything: xunit, the Pester suite and the runbooks in real pwsh.
    $arguments = @('test', $solution, '-c', $Configuration)
    if ($NoBuild) {
        $arguments += '--no-build'
    }
    Invoke-Dotnet -Arguments $arguments
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
    'Pester' {
        Invoke-PesterSuite -Path @($TestPath | ForEach-Object { (Resolve-Path $_).Path })
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
