# Applies a portal configuration kept in source control: the user types become what the file says,
# deletions included (the file's removed entries name where users go).
param([string] $Confirmation = 'Ask', [Parameter(Mandatory)] [string] $Path)
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$plan = @(Compare-PortalConfiguration -Path $Path | Where-Object Action -ne Unchanged)
"Plan: $(($plan | ForEach-Object { "$($_.Action) $($_.UserTypeName)" }) -join ', ')"
$results = @(Import-PortalConfiguration -Path $Path @confirm)
"Results: $(($results | ForEach-Object { "$($_.Action) $($_.UserTypeName) $($_.Outcome)" }) -join ', ')"
"User types: $((Get-PortalUserType | ForEach-Object Name) -join ', ')"
