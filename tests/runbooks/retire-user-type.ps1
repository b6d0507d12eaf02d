# Retires the Partners tier: moves its users to Customers and deletes the user type.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

Get-PortalUserType -Name Partners | Remove-PortalUserType -TransferUsersTo Customers @confirm
"User types: $((Get-PortalUserType | ForEach-Object Name) -join ', ')"
