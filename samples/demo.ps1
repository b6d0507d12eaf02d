# A short portal-administration session against the built-in emulator.
# Run it with:  dotnet run --project samples/ZohoPortal.Demo
# or, in pwsh:  Import-Module ./out/ZohoPortal/ZohoPortal.psd1; ./samples/demo.ps1
# Each step ends in Out-Default so every kind of object gets its own table.

function Step([string] $Title) { '', "== $Title" | Out-Default }

Step 'Connect to an emulated org (no Zoho account needed)'
$connection = Connect-ZohoPortal -Emulator -UsersPerUserType 40 -PassThru
$connection | Out-Default

Step 'The org''s portal'
Get-Portal | Out-Default

Step 'Rename it: first what would happen, then for real'
Set-Portal -NewName ZylkerCare -WhatIf
Get-Portal | Set-Portal -NewName ZylkerCare -PassThru | Out-Default

Step 'Every request the emulator answered'
$connection.Emulator.RequestLog.Entries | Out-Default
