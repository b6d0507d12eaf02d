# A runbook written the simple way: one command per user, here moving the first 60 Customers to
# Partners by id. The connection's metadata cache makes that one transfer per user: the portal
# name and the user types are read once, by the first command that needs them.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$ids = @(Get-PortalUser -UserType Customers -First 60 | ForEach-Object PersonalityId)
foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners @confirm }
"Moved: $($ids.Count); Partners now: $(@(Get-PortalUser -UserType Partners).Count)"
