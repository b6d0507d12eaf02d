# One workload through the module, timed from inside pwsh. The harness counts the calls.
param(
    [Parameter(Mandatory)][string] $Workload,
    [int] $Count,
    [string] $IdsPath
)
. $PSScriptRoot/BenchSession.ps1

# Warm-up: the same commands on a few users of an in-process emulated org.
Connect-ZohoPortal -Emulator | Out-Null
(Get-ZohoPortalConnection).Emulator.Options.JobDelay = [TimeSpan]::Zero
switch ($Workload) {
    'Move'    { Get-PortalUser -UserType Customers -First 5 | Move-PortalUser -Destination Partners }
    'Disable' { Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 5 | Disable-PortalUser -Force }
    'Delete'  { Get-PortalUser -UserType Customers -First 5 | Remove-PortalUser -Force }
    'Invite'  {
        $warm = @((Get-ZohoPortalConnection).Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 5)
        $null = $warm.Id | Send-PortalInvite -UserType Customers -Wait -Force
    }
    'Loop'    { foreach ($u in @(Get-PortalUser -UserType Customers -First 3)) { Move-PortalUser -Id $u.PersonalityId -UserType Customers -Destination Partners } }
    default   { $null = Get-PortalUser | Select-Object -First 3; $null = Get-PortalUser -UserType Customers | ForEach-Object { $_ } }
}

Connect-BenchOrg | Out-Null
$ids = if ($IdsPath) { [string[]](Get-Content $IdsPath) } else { @() }
$script:first = $null
$script:objects = 0
Wait-BenchStart

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
Write-BenchResult @{ WallMs = $sw.Elapsed.TotalMilliseconds; FirstMs = $script:first; Objects = $script:objects }
