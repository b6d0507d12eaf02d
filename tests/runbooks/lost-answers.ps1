# Moves every Customer to Partners, suspends the confirmed ones and removes them all, printing what
# happened. The test makes the emulator lose answers after acting; the runbook must not notice,
# because the module reads each outcome back instead of failing or repeating the change.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$moved = @(Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -PassThru @confirm)
"Moved: $($moved.Count)"
$confirmed = @($moved | Where-Object Confirmed)
"Confirmed: $($confirmed.Count)"
"Confirmed and active: $(@($confirmed | Where-Object Active).Count)"
$suspended = @($confirmed | Disable-PortalUser -PassThru @confirm)
"Suspended: $($suspended.Count)"
$removed = @($moved | Remove-PortalUser -PassThru @confirm)
"Removed: $($removed.Count)"
"Customers left: $(@(Get-PortalUser -UserType Customers).Count)"
"Partners left: $(@(Get-PortalUser -UserType Partners).Count)"
