# Suspends the confirmed Customers for maintenance, writes who was suspended to a CSV, and lets them back in from that CSV.
param([string] $Confirmation = 'Ask', [string] $CsvPath = (Join-Path ([IO.Path]::GetTempPath()) 'suspended.csv'))
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

Get-PortalUser -UserType Customers -Status ActiveConfirmed |
    Disable-PortalUser -PassThru @confirm |
    Select-Object PersonalityId, Email |
    Export-Csv -Path $CsvPath -NoTypeInformation
"Suspended: $(@(Import-Csv $CsvPath).Count)"
# Enable is Medium impact: no confirmation is needed to give access back.
Import-Csv $CsvPath | Enable-PortalUser -UserType Customers
"Active confirmed now: $(@(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count)"
