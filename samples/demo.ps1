# A portal-administration session against the built-in emulator: Zylker Autos opens a Premium
# tier in its client portal, moves its confirmed customers there, invites contacts into it and
# tidies up after itself. Nothing here needs a Zoho account.
#
# Run it with:  dotnet run --project samples/ZohoPortal.Demo
# or, in pwsh:  Import-Module ./out/ZohoPortal/ZohoPortal.psd1; ./samples/demo.ps1
#
# Only Microsoft.PowerShell.Core cmdlets are used besides ZohoPortal's, so the script runs in the
# demo host as it does in pwsh. Each step ends in Out-Default so every kind of object gets its
# own table.

function Step([string] $Title) { '', "== $Title" | Out-Default }

# Counts the emulator's requests whose method and path match, to show what each step cost.
function Get-RequestCount([string] $Method, [string] $PathLike) {
    @($connection.Emulator.RequestLog.Entries | Where-Object { $_.Method -eq $Method -and $_.Path -like $PathLike }).Count
}

function Show-Errors($Errors) {
    foreach ($e in $Errors) { "  error $($e.FullyQualifiedErrorId.Split(',')[0]) [$($e.CategoryInfo.Category)] on $($e.TargetObject): $($e.Exception.Message)" | Out-Default }
}

Step 'Connect to an emulated org: 300 portal users per user type, 400 CRM contacts'
# The emulator's cmdlets live in the companion module ZohoPortal.Emulator, staged (and shipped)
# beside ZohoPortal. Connect-ZohoPortal -Emulator would load it by itself; this session wants
# other sizes, so it makes the org with New-ZohoPortalEmulator first.
if (-not (Get-Module ZohoPortal.Emulator)) {
    Import-Module ([IO.Path]::Combine((Get-Module ZohoPortal).ModuleBase, '..', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1'))
}
$connection = New-ZohoPortalEmulator -UsersPerUserType 300 -ContactCount 400 | Connect-ZohoPortal -PassThru
$connection | Out-Default

Step 'The org''s portal, renamed: first what would happen, then for real'
Get-Portal | Out-Default
Set-Portal -NewName ZylkerCare -WhatIf
Get-Portal | Set-Portal -NewName ZylkerCare -PassThru | Out-Default

Step 'User types as they stand'
Get-PortalUserType | Out-Default

Step 'What can go into a user type whose users are Contacts'
Get-PortalModuleMeta -Module Contacts | Out-Default

Step 'A new Premium user type: edit their own contact record, read and add notes'
$contacts = New-PortalUserTypeModule -Module Contacts -Permission View, Edit -Layout Standard -View 'My Contact Card'
$notes = New-PortalUserTypeModule -Module Notes -Permission View, Create
New-PortalUserType -Name Premium -Module $contacts, $notes -Active $true -WhatIf
$premium = New-PortalUserType -Name Premium -Module $contacts, $notes -Active $true
$premium | Out-Default

Step 'A glance at the Customers: the first five, one page requested'
Get-PortalUser -UserType Customers -First 5 | Out-Default

Step 'Every confirmed, active customer moves to Premium (200 per transfer call, never one per user)'
$transfersBefore = Get-RequestCount POST '*/users/action/transfer'
$moved = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed | Move-PortalUser -Destination Premium -PassThru)
"$($moved.Count) users moved in $((Get-RequestCount POST '*/users/action/transfer') - $transfersBefore) transfer calls; the first three:" | Out-Default
$moved[0..2] | Out-Default

Step 'Unconfirmed customers cannot be deactivated: Zoho''s NOT_ALLOWED, one error per user'
Get-PortalUser -UserType Customers -Status NotConfirmed -First 2 |
    Disable-PortalUser -Force -ErrorAction SilentlyContinue -ErrorVariable disableErrors
Show-Errors $disableErrors

Step 'Invite 150 contacts into Premium and wait for the bulk jobs (100 contacts per job)'
$records = @($connection.Emulator.Org.GetRecords('Contacts'))[0..149]
$results = @($records | Send-PortalInvite -UserType Premium -Wait -Force -ErrorAction SilentlyContinue -ErrorVariable inviteErrors)
$invited = @($results | Where-Object Status -eq 'success')
"$($invited.Count) invited, $(@($inviteErrors).Count) reported as errors, in $(Get-RequestCount POST '*/actions/portal_invite') bulk requests; the first three results:" | Out-Default
$results[0..2] | Out-Default
Show-Errors @($inviteErrors)[0..2]

Step 'The invite jobs, as Zoho lists them'
Get-PortalInviteJob | Out-Default

Step 'User types after the move and the invitations'
Get-PortalUserType | Out-Default

Step 'Retiring Partners: its users move to Customers first, then the type goes'
Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -WhatIf
Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force
Get-PortalUserType | Out-Default

Step 'The user types as code: export, let Premium delete its notes, see the plan, apply it'
$config = Export-PortalConfiguration
$config.UserTypes.Where({ $_.Name -eq 'Premium' })[0].Modules.Where({ $_.ApiName -eq 'Notes' })[0].Permissions.Delete = $true
$plan = @($config | Compare-PortalConfiguration)
$plan | Out-Default
$plan | Import-PortalConfiguration | Out-Default

Step 'What the session cost: requests the emulator answered, by method and path'
$tally = [ordered]@{}
foreach ($entry in $connection.Emulator.RequestLog.Entries) {
    $path = $entry.Path -replace '/\d{6,}', '/{id}'
    $key = "$($entry.Method) $path"
    $tally[$key] = 1 + [int]$tally[$key]
}
$tally.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Requests = $_.Value; Call = $_.Key } } | Out-Default
