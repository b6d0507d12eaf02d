# Live managed heap while Get-PortalUser streams every user of Customers to a fast or a slow
# consumer. The consumer samples GC.GetTotalMemory(true) (a full collection: live objects only)
# every $SampleEvery users; growth is the highest sample above the heap before the command.
param(
    [Parameter(Mandatory)][ValidateSet('Fast', 'Slow')][string] $Consumer,
    [Parameter(Mandatory)][int] $SampleEvery
)
. $PSScriptRoot/BenchSession.ps1

Connect-ZohoPortal -Emulator | Out-Null
Get-PortalUser -UserType Customers | ForEach-Object { }
Connect-BenchOrg | Out-Null
$script:n = 0
$script:peak = 0L
Wait-BenchStart

$base = [GC]::GetTotalMemory($true)
$script:peak = $base
$sw = [Diagnostics.Stopwatch]::StartNew()
if ($Consumer -eq 'Fast') {
    Get-PortalUser -UserType Customers | ForEach-Object {
        if ((++$script:n % $SampleEvery) -eq 0) { $m = [GC]::GetTotalMemory($true); if ($m -gt $script:peak) { $script:peak = $m } }
    }
} else {
    # About 20,000 users a second: 5 ms every 100 users, slower than the zero-latency producer.
    Get-PortalUser -UserType Customers | ForEach-Object {
        if ((++$script:n % 100) -eq 0) { Start-Sleep -Milliseconds 5 }
        if (($script:n % $SampleEvery) -eq 0) { $m = [GC]::GetTotalMemory($true); if ($m -gt $script:peak) { $script:peak = $m } }
    }
}
$sw.Stop()
Write-BenchResult @{ WallMs = $sw.Elapsed.TotalMilliseconds; Objects = $script:n; BaseBytes = $base; PeakBytes = $script:peak }
