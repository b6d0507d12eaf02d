# One workload through the module, timed from inside pwsh. The harness counts the calls.
param(
    [Parameter(Mandatory)][string] $Workload,
    [int] $Count,
    [string] $IdsPath
)
. $PSScriptRoot/BenchSession.ps1

# Warm-up: the same command, four times, on 2,000 users of another org served on loopback without
# latency (same HTTP path). .NET compiles a method quickly first and recompiles it optimised once
# it has run often, counting calls only after a pause in new compilations; the pauses between
# rounds let that happen, so the measured run is the module's steady state and not compilation
# (`JitMs` below says how much compiling was still left).
Connect-BenchOrg -Warmup | Out-Null
foreach ($round in 1..8) {
    $from, $to = if ($round % 2) { 'Customers', 'Partners' } else { 'Partners', 'Customers' }
    switch ($Workload) {
        'Move'    { Get-PortalUser -UserType $from | Move-PortalUser -Destination $to }
        'Disable' { Get-PortalUser -UserType $from -Status ActiveConfirmed -First 500 | Disable-PortalUser -Force }
        'Delete'  { Get-PortalUser -UserType $from -First 1000 | Remove-PortalUser -Force }
        'Invite'  {
            $warm = @(Get-Content $env:BENCH_WARMUP_CONTACTS | Select-Object -Skip (($round - 1) * 125) -First 125)
            $null = $warm | Send-PortalInvite -UserType Customers -Wait -Force
        }
        'Loop'    { foreach ($u in @(Get-PortalUser -UserType $from -First 40)) { Move-PortalUser -Id $u.PersonalityId -UserType $from -Destination $to } }
        default   { $null = Get-PortalUser | Select-Object -First 1000; $null = Get-PortalUser -UserType $from | ForEach-Object { $_ } }
    }
    Start-Sleep -Milliseconds 300
}
Disconnect-ZohoPortal

Connect-BenchOrg | Out-Null
# A connection that already knows the portal's name and user types (as after any earlier command
# of a runbook), so the measured command makes only the API-minimum calls; without it the command
# first looks them up (two calls, one after the other).
if ($env:BENCH_WARM_CONNECTION -eq '1') { $null = Get-PortalUserType }
$ids = if ($IdsPath) { [string[]](Get-Content $IdsPath) } else { @() }
$script:first = $null
$script:objects = 0
Wait-BenchStart

$cpu = [Diagnostics.Process]::GetCurrentProcess()
$cpuBefore = $cpu.TotalProcessorTime
$jitBefore = [System.Runtime.JitInfo]::GetCompilationTime()
$gcBefore = [GC]::GetTotalPauseDuration()
$gen2Before = [GC]::CollectionCount(2)
$sw = [Diagnostics.Stopwatch]::StartNew()
switch ($Workload) {
    'Move'    { Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners }
    'Disable' { Get-PortalUser -UserType Customers -Status ActiveConfirmed -First $Count | Disable-PortalUser -Force }
    'Delete'  { Get-PortalUser -UserType Customers | Remove-PortalUser -Force }
    'Invite'  { $script:objects = @($ids | Send-PortalInvite -UserType Customers -Wait -Force).Count }
    'Loop'    { foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners } }
    'List'    {
        Get-PortalUser -UserType Customers | ForEach-Object {
            if ($null -eq $script:first) { $script:first = $sw.Elapsed.TotalMilliseconds }
            $script:objects++
        }
    }
    'First'   {
        Get-PortalUser | Select-Object -First $Count | ForEach-Object {
            if ($null -eq $script:first) { $script:first = $sw.Elapsed.TotalMilliseconds }
            $script:objects++
        }
    }
}
$sw.Stop()
$cpu.Refresh()
$cpuMs = ($cpu.TotalProcessorTime - $cpuBefore).TotalMilliseconds
$jitMs = ([System.Runtime.JitInfo]::GetCompilationTime() - $jitBefore).TotalMilliseconds
$gcMs = ([GC]::GetTotalPauseDuration() - $gcBefore).TotalMilliseconds
$gen2 = [GC]::CollectionCount(2) - $gen2Before
Write-BenchResult @{ WallMs = $sw.Elapsed.TotalMilliseconds; FirstMs = $script:first; Objects = $script:objects; CpuMs = $cpuMs; JitMs = $jitMs; GcPauseMs = $gcMs; Gen2 = $gen2 }
