# Housekeeping: removes the Customers who never accepted their invitation.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$stale = @(Get-PortalUser -UserType Customers -Status NotConfirmed)
$stale | Remove-PortalUser @confirm
"Removed: $($stale.Count); not confirmed left: $(@(Get-PortalUser -UserType Customers -Status NotConfirmed).Count)"
