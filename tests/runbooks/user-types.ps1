# Closes the Partners tier: deactivates the user type, then moves its users to Customers and deletes it.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

Set-PortalUserType Partners -Active $false @confirm
"Partners active: $((Get-PortalUserType -Name Partners).Active)"
Remove-PortalUserType Partners -TransferUsersTo Customers @confirm
"User types: $((Get-PortalUserType | ForEach-Object Name) -join ', ')"
