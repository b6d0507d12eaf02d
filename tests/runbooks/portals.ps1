# Retires the org's portal: shows it, then deletes it.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$portal = Get-Portal
"Portal: $($portal.Name)"
Remove-Portal @confirm
"Removed portal $($portal.Name); portals left: $(@(Get-Portal).Count)"
