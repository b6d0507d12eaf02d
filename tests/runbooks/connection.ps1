# Connects, shows the connection (never a secret), reads the portal, disconnects.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$connection = Get-ZohoPortalConnection
"Connected: $($connection.AuthType) $($connection.ApiVersion) $($connection.ApiBaseUrl)"
$connection | Format-List | Out-String -Width 80
Get-Portal -Verbose 4>&1 | Out-String -Width 80
Disconnect-ZohoPortal
if (Get-ZohoPortalConnection) { throw 'Still connected after Disconnect-ZohoPortal.' }
'Disconnected'
