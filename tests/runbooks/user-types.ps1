# Closes the Partners tier for new sign-ins: deactivates the user type.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

Set-PortalUserType Partners -Active $false @confirm
"Partners active: $((Get-PortalUserType -Name Partners).Active)"
