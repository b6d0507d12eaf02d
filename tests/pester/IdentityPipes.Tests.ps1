#Requires -Version 5.1
<#
    The pipes between ZohoPortal's cmdlets, as a user types them, in real pwsh: every natural pair
    (portal -> user types, users, invitations; user type -> users, invitations, meta; user -> get,
    move, enable, disable, remove, re-invite; invite result/job -> wait, get user) and the CSV rows
    Export-Csv writes for each output type. Each test pipes a chosen part of the org and checks in
    the emulator's request log that exactly those objects were touched, no more.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module: New-ZohoPortalEmulator, and $connection.Emulator (request log, org state).
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $ProgressPreference = 'SilentlyContinue'

    # A fresh emulated org: 6 users in each of Customers and Partners, 10 contacts to invite.
    function New-TestOrg {
        $script:connection = New-ZohoPortalEmulator -UsersPerUserType 6 -ContactCount 10 | Connect-ZohoPortal -PassThru
        $script:connection
    }

    # The requests the current org answered since the last Clear-Log.
    function Get-Log { @($script:connection.Emulator.RequestLog.Entries) }
    function Clear-Log { $script:connection.Emulator.RequestLog.Clear() }

    # The personality ids a request acts on: the personality_ids query (transfer, delete) or the path (change_status).
    function Get-TouchedIds([string] $Method, [string] $PathLike) {
        foreach ($entry in (Get-Log | Where-Object { $_.Method -eq $Method -and $_.Path -like $PathLike })) {
            if ($entry.Path -match '/users/(\d+)/actions/change_status$') { $Matches[1]; continue }
            if ($entry.Query -match '(?:^|&)personality_ids=([^&]*)') { [Uri]::UnescapeDataString($Matches[1]) -split ',' }
        }
    }

    function Get-Changes { @(Get-Log | Where-Object { $_.Method -ne 'GET' }) }

    $script:csv = Join-Path ([IO.Path]::GetTempPath()) ("zp-pipes-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:csv | Out-Null
}

AfterAll {
    Disconnect-ZohoPortal
    Remove-Item -Recurse -Force $script:csv -ErrorAction SilentlyContinue
}

Describe 'A piped user is that user' {
    BeforeEach { New-TestOrg | Out-Null }

    It 'Get-PortalUser -First 1 | Get-PortalUser | Remove-PortalUser -WhatIf names exactly one user and sends nothing' {
        $one = Get-PortalUser -First 1
        Clear-Log
        # PowerShell writes "What if:" to the host, so a transcript is what captures it.
        $transcript = Join-Path $script:csv 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $one | Get-PortalUser | Remove-PortalUser -WhatIf } finally { Stop-Transcript | Out-Null }
        $whatIf = @(Get-Content $transcript | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 1
        $whatIf[0] | Should -BeLike "*: 1 user of user type 'Customers' (*($($one.PersonalityId)))*"
        Get-Changes | Should -HaveCount 0
        @(Get-PortalUser).Count | Should -Be 12
    }

    It 'without -WhatIf, exactly that user is removed' {
        $one = Get-PortalUser -First 1
        Clear-Log
        $one | Get-PortalUser | Remove-PortalUser -Force
        @(Get-TouchedIds DELETE '*/users') | Should -Be @($one.PersonalityId)
        @(Get-PortalUser).Count | Should -Be 11
        Get-PortalUser | Where-Object PersonalityId -eq $one.PersonalityId | Should -BeNullOrEmpty
    }

    It 'Get-PortalUser returns the piped users, read again, and nobody else' {
        $two = Get-PortalUser -UserType Partners -First 2
        $again = @($two | Get-PortalUser)
        $again.PersonalityId | Should -Be $two.PersonalityId
        $again.UserTypeName | Should -Be @('Partners', 'Partners')
        # One personality_ids listing of the user type the objects name.
        @(Get-Log | Where-Object { $_.Query -like '*personality_ids=*' }).Count | Should -BeGreaterThan 0
    }

    It 'Get-PortalUser finds a user that moved since it was read' {
        $user = Get-PortalUser -UserType Customers -First 1
        $user | Move-PortalUser -Destination Partners
        $fresh = $user | Get-PortalUser
        $fresh.PersonalityId | Should -Be $user.PersonalityId
        $fresh.UserTypeName | Should -Be 'Partners'
    }

    It '<Verb>-PortalUser touches exactly the piped users' -ForEach @(
        @{ Verb = 'Move'; Method = 'POST'; Path = '*/users/action/transfer'; Extra = @{ Destination = 'Partners' }; From = 'Customers' }
        @{ Verb = 'Disable'; Method = 'PUT'; Path = '*/actions/change_status'; Extra = @{ Force = $true }; From = 'Customers' }
        @{ Verb = 'Enable'; Method = 'PUT'; Path = '*/actions/change_status'; Extra = @{ Confirm = $false }; From = 'Customers' }
        @{ Verb = 'Remove'; Method = 'DELETE'; Path = '*/users'; Extra = @{ Force = $true }; From = 'Partners' }
    ) {
        $picked = @(Get-PortalUser -UserType $From -Status All | Select-Object -Skip 1 -First 3)
        if ($Verb -eq 'Enable') { $picked | Disable-PortalUser -Force }
        Clear-Log
        $picked | & "$Verb-PortalUser" @Extra
        @(Get-TouchedIds $Method $Path | Sort-Object) | Should -Be @($picked.PersonalityId | Sort-Object)
    }

    It '-InputObject given a list by name does every user of it, as when piped' {
        $picked = @(Get-PortalUser -UserType Customers | Select-Object -First 4)
        Clear-Log
        $moved = @(Move-PortalUser -InputObject $picked -Destination Partners -PassThru)
        $moved.PersonalityId | Should -Be $picked.PersonalityId
        $moved.UserTypeName | Should -Be (@('Partners') * 4)
        @(Get-TouchedIds POST '*/users/action/transfer' | Sort-Object) | Should -Be @($picked.PersonalityId | Sort-Object)
    }

    It '-InputObject given an empty list is refused before any request' {
        Clear-Log
        { Remove-PortalUser -InputObject @() -Force -ErrorAction Stop } | Should -Throw -ErrorId 'PortalUserInputEmpty,ZohoPortal.Cmdlets.Users.RemovePortalUserCmdlet'
        Get-Log | Should -HaveCount 0
    }
}

Describe 'Pairs that bind by property name' {
    BeforeEach { New-TestOrg | Out-Null }

    It 'portal -> user types' {
        $types = @(Get-Portal | Get-PortalUserType)
        $types.Name | Should -Be @('Customers', 'Partners')
    }

    It 'portal -> users' {
        @(Get-Portal | Get-PortalUser).Count | Should -Be 12
    }

    It 'user type -> users reads only that type' {
        Clear-Log
        $users = @(Get-PortalUserType -Name Partners | Get-PortalUser)
        $users | Should -HaveCount 6
        $users.UserTypeName | Sort-Object -Unique | Should -Be 'Partners'
        $partners = (Get-PortalUserType -Name Partners).Id
        Get-Log | Where-Object { $_.Path -like '*/users' } | ForEach-Object { $_.Path | Should -BeLike "*/user_type/$partners/users" }
    }

    It 'user type -> module meta' {
        $meta = @(Get-PortalUserType -Name Customers | Get-PortalModuleMeta)
        $meta.Count | Should -BeGreaterThan 0
        Get-Log | Where-Object { $_.Path -like '*/settings/portals/meta' } | ForEach-Object { $_.Query | Should -BeLike '*module=Contacts*' }
    }

    It 'user type -> invitation (Send-PortalInvite -RecordId)' {
        $contact = $script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 1
        Clear-Log
        $result = Get-PortalUserType -Name Partners | Send-PortalInvite -RecordId $contact.Id -Confirm:$false
        $result.RecordId | Should -Be $contact.Id
        $invites = @(Get-Log | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/actions/portal_invite' })
        $invites | Should -HaveCount 1
        $invites[0].Path | Should -BeLike "*/Contacts/$($contact.Id)/actions/portal_invite"
    }

    It 'a user type piped without -RecordId is refused, not invited as a record' {
        Clear-Log
        { Get-PortalUserType -Name Partners | Send-PortalInvite -Confirm:$false } | Should -Throw -ErrorId 'RecordIdMissing,*'
        Get-Changes | Should -HaveCount 0
    }

    It 'user -> re-invite sends the invitation to exactly that user' {
        $user = Get-PortalUser -UserType Customers -First 1
        $user | Should -HaveCount 1
        Clear-Log
        $user | Send-PortalInvite -Reinvite -Confirm:$false | Out-Null
        $invites = @(Get-Log | Where-Object { $_.Method -eq 'POST' })
        $invites | Should -HaveCount 1
        $invites[0].Path | Should -BeLike "*/$($user.PersonalityId)/actions/portal_invite"
    }

    It 'invite result -> that user' {
        $contact = $script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 1
        $result = Send-PortalInvite -RecordId $contact.Id -UserType Partners -Confirm:$false
        $user = @($result | Get-PortalUser)
        $user | Should -HaveCount 1
        $user[0].PersonalityId | Should -Be $contact.Id
        $user[0].UserTypeName | Should -Be 'Partners'
    }

    It 'invite job -> wait -> users' {
        $contacts = @($script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 2)
        $job = $contacts.Id | Send-PortalInvite -UserType Partners -Confirm:$false -AsJob
        $done = $job | Wait-PortalInviteJob
        $done.Status | Should -Be 'completed'
        $users = @($done.Results | Get-PortalUser)
        @($users.PersonalityId | Sort-Object) | Should -Be @($contacts.Id | Sort-Object)
    }
}

Describe 'CSV rows bind like the objects they were exported from' {
    BeforeEach { New-TestOrg | Out-Null }

    It 'users CSV -> Move-PortalUser moves exactly those users in ceil(N/200) transfer calls' {
        $file = Join-Path $script:csv 'move.csv'
        $customers = @(Get-PortalUser -UserType Customers)
        $customers | Export-Csv $file -NoTypeInformation
        Clear-Log
        Import-Csv $file | Move-PortalUser -Destination Partners
        @(Get-Log | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/action/transfer' }).Count | Should -Be ([Math]::Ceiling($customers.Count / 200))
        @(Get-TouchedIds POST '*/action/transfer' | Sort-Object) | Should -Be @($customers.PersonalityId | Sort-Object)
        @(Get-PortalUser -UserType Customers).Count | Should -Be 0
    }

    It 'users CSV with only an Email column -> <Verb> touches exactly those users' -ForEach @(
        @{ Verb = 'Disable'; Method = 'PUT'; Path = '*/actions/change_status'; Extra = @{ Force = $true } }
        @{ Verb = 'Remove'; Method = 'DELETE'; Path = '*/users'; Extra = @{ Force = $true } }
        @{ Verb = 'Move'; Method = 'POST'; Path = '*/action/transfer'; Extra = @{ Destination = 'Partners' } }
    ) {
        $file = Join-Path $script:csv "$Verb-emails.csv"
        $picked = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed | Select-Object -First 3)
        $picked | Select-Object Email | Export-Csv $file -NoTypeInformation
        (Get-Content $file)[0] | Should -Be '"Email"'
        Clear-Log
        Import-Csv $file | & "$Verb-PortalUser" @Extra
        @(Get-TouchedIds $Method $Path | Sort-Object) | Should -Be @($picked.PersonalityId | Sort-Object)
    }

    It 'a CSV without PersonalityId or Email is refused before any change, naming the columns' {
        $file = Join-Path $script:csv 'nokey.csv'
        Get-PortalUser -First 2 | Select-Object Name, UserTypeName | Export-Csv $file -NoTypeInformation
        Clear-Log
        { Import-Csv $file | Remove-PortalUser -Force } | Should -Throw -ErrorId 'PortalUserKeyMissing,*'
        Get-Changes | Should -HaveCount 0
        $err = $null
        try { Import-Csv $file | Remove-PortalUser -Force } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike '*PersonalityId or an Email*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'empty and unparsable optional columns are ignored' {
        $file = Join-Path $script:csv 'dirty.csv'
        $picked = @(Get-PortalUser -UserType Customers -First 2)
        $rows = $picked | Export-Csv -NoTypeInformation -Path $file
        $rows = Import-Csv $file
        foreach ($row in $rows) { $row.CreatedTime = ''; $row.InvitedTime = 'not a date'; $row.Active = 'maybe'; $row.Confirmed = '' }
        Clear-Log
        $rows | Move-PortalUser -Destination Partners
        @(Get-TouchedIds POST '*/action/transfer' | Sort-Object) | Should -Be @($picked.PersonalityId | Sort-Object)
    }

    It 'user types CSV -> Get-PortalUser lists only those types' {
        $file = Join-Path $script:csv 'types.csv'
        Get-PortalUserType -Name Partners | Export-Csv $file -NoTypeInformation
        $users = @(Import-Csv $file | Get-PortalUser)
        $users | Should -HaveCount 6
        $users.UserTypeName | Sort-Object -Unique | Should -Be 'Partners'
    }

    It 'portals CSV -> Get-PortalUserType' {
        $file = Join-Path $script:csv 'portals.csv'
        Get-Portal | Export-Csv $file -NoTypeInformation
        @(Import-Csv $file | Get-PortalUserType).Name | Should -Be @('Customers', 'Partners')
    }

    It 'invite results CSV -> Get-PortalUser' {
        $file = Join-Path $script:csv 'invites.csv'
        $contact = $script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 1
        Send-PortalInvite -RecordId $contact.Id -UserType Partners -Confirm:$false | Export-Csv $file -NoTypeInformation
        $user = @(Import-Csv $file | Get-PortalUser)
        $user.PersonalityId | Should -Be $contact.Id
    }

    It 'invite jobs CSV -> Wait-PortalInviteJob' {
        $file = Join-Path $script:csv 'jobs.csv'
        $contacts = @($script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 2)
        $contacts.Id | Send-PortalInvite -UserType Partners -Confirm:$false -AsJob | Export-Csv $file -NoTypeInformation
        $done = @(Import-Csv $file | Wait-PortalInviteJob)
        $done | Should -HaveCount 1
        $done[0].Status | Should -Be 'completed'
    }
}

Describe 'CSV round trips of a user type with more users than one call takes' {
    BeforeEach {
        $script:connection = New-ZohoPortalEmulator -UsersPerUserType 450 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $script:file = Join-Path $script:csv ("big-" + [Guid]::NewGuid().ToString('N') + '.csv')
    }

    It 'Export-Csv then Import-Csv | <Verb> (email only: <EmailOnly>) touches exactly those users in <Calls> calls' -ForEach @(
        # Reads: Move resolves -Destination from the connection's user-type listing, which the Get-PortalUser below
        # already read (metadata cache); rows with ids and UserTypeId need nothing else;
        # emails cost every user of both types once (3 pages each).
        @{ Verb = 'Move'; Extra = @{ Destination = 'Partners' }; Method = 'POST'; Path = '*/action/transfer'; Calls = 3; EmailOnly = $false; Reads = 0 }
        @{ Verb = 'Remove'; Extra = @{ Force = $true }; Method = 'DELETE'; Path = '*/users'; Calls = 1; EmailOnly = $false; Reads = 0 }
        @{ Verb = 'Move'; Extra = @{ Destination = 'Partners' }; Method = 'POST'; Path = '*/action/transfer'; Calls = 3; EmailOnly = $true; Reads = 6 }
        @{ Verb = 'Remove'; Extra = @{ Force = $true }; Method = 'DELETE'; Path = '*/users'; Calls = 1; EmailOnly = $true; Reads = 6 }
    ) {
        $customers = @(Get-PortalUser -UserType Customers)
        $customers.Count | Should -Be 450
        if ($EmailOnly) { $customers | Select-Object Email | Export-Csv $script:file -NoTypeInformation }
        else { $customers | Export-Csv $script:file -NoTypeInformation }
        Clear-Log

        Import-Csv $script:file | & "$Verb-PortalUser" @Extra

        # ceil(450/200) = 3 transfers, ceil(450/499) = 1 delete.
        @(Get-Log | Where-Object { $_.Method -eq $Method -and $_.Path -like $Path }).Count | Should -Be $Calls
        @(Get-TouchedIds $Method $Path | Sort-Object) | Should -Be @($customers.PersonalityId | Sort-Object)
        @(Get-Log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '/crm/*' }).Count | Should -Be $Reads
        @(Get-PortalUser -UserType Customers).Count | Should -Be 0
    }

    It 'Import-Csv | Disable-PortalUser -Force deactivates exactly those users, one call each' {
        $picked = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed | Select-Object -First 250)
        $picked | Export-Csv $script:file -NoTypeInformation
        Clear-Log
        Import-Csv $script:file | Disable-PortalUser -Force
        @(Get-TouchedIds PUT '*/actions/change_status' | Sort-Object) | Should -Be @($picked.PersonalityId | Sort-Object)
        @(Get-PortalUser -UserType Customers -Status Deactivated | Where-Object PersonalityId -in $picked.PersonalityId).Count | Should -Be 250
    }
}

Describe 'Email as identity' {
    BeforeEach { New-TestOrg | Out-Null }

    It 'Get-PortalUser -Email takes wildcards' {
        $user = Get-PortalUser -UserType Partners -First 1
        $prefix = $user.Email.Substring(0, $user.Email.IndexOf('@') - 1)
        $found = @(Get-PortalUser -Email "$prefix*")
        $found.PersonalityId | Should -Contain $user.PersonalityId
        $found | ForEach-Object { $_.Email | Should -BeLike "$prefix*" }
    }

    It 'an unknown email is one ObjectNotFound error per email, and nothing is sent for it' {
        $known = (Get-PortalUser -UserType Customers -First 1).Email
        Clear-Log
        $errors = @()
        Disable-PortalUser -Email $known, 'nobody@example.com', 'nobody2@example.com' -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'PortalUserNotFound,*'; $_.CategoryInfo.Category | Should -Be 'ObjectNotFound' }
        @(Get-TouchedIds PUT '*/actions/change_status') | Should -HaveCount 1
    }

    It 'an email lookup reads each user type once, whatever the number of emails' {
        $emails = @(Get-PortalUser | Select-Object -First 5).Email
        Clear-Log
        Remove-PortalUser -Email $emails -WhatIf
        # Two user types of 6 users: one user-type listing and one users page each.
        @(Get-Log | Where-Object { $_.Path -like '*/users' }).Count | Should -Be 2
        Get-Changes | Should -HaveCount 0
    }
}
