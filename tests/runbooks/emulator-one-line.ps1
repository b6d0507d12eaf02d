# The offline one-liner in a runbook: Connect-ZohoPortal -Emulator loads the companion module
# ZohoPortal.Emulator on demand, from beside the main module.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
$ErrorActionPreference = 'Stop'
Import-Module $env:ZOHOPORTAL_MODULE

"Emulator modules before: $(@(Get-Module ZohoPortal.Emulator).Count)"
Connect-ZohoPortal -Emulator
"Portal: $((Get-Portal).Name)"
"Emulator module from: $((Get-Module ZohoPortal.Emulator).ModuleBase)"
"Portal users: $((Get-ZohoPortalEmulator).Org.PortalUserCount)"
Disconnect-ZohoPortal
