# Membership as code: makes the portal's users match a CSV (RecordId or Email, UserType), and
# removes the portal users the file does not list.
param([string] $Confirmation = 'Ask', [string] $CsvPath)
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$results = @(Import-Csv $CsvPath | Sync-PortalUser -Absent Remove @confirm)
foreach ($action in 'Invite', 'Move', 'Remove') {
    "$($action): $(@($results | Where-Object { $_.Action -eq $action -and $_.Outcome -eq 'Done' }).Count)"
}
"Unchanged: $(@($results | Where-Object Outcome -eq 'Unchanged').Count)"
"Portal users: $(@(Get-PortalUser).Count)"
# Run again as a plan: the portal now matches the file.
"Left to do: $(@(Import-Csv $CsvPath | Sync-PortalUser -Absent Remove -PlanOnly | Where-Object Action -ne 'Unchanged').Count)"
