# Invites the contacts listed in a CSV (columns Id, Email) that have an email into Customers, and waits for the bulk jobs.
param([string] $Confirmation = 'Ask', [Parameter(Mandatory = $true)][string] $CsvPath)
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

$results = @(Import-Csv $CsvPath | Where-Object Email | ForEach-Object Id | Send-PortalInvite -UserType Customers -Wait @confirm)
"Invited: $(@($results | Where-Object Status -eq 'success').Count) of $($results.Count)"
$results | Group-Object Status | Sort-Object Name | Format-Table Name, Count -AutoSize | Out-String -Width 80
