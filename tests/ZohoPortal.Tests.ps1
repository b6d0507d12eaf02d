#Requires -Version 5.1
<#
    Pester 5 suite for the staged modules (out/ZohoPortal and its companion out/ZohoPortal.Emulator). Build first (dotnet build, or
    ./build.ps1), then run ./build.ps1 -Task Test, or:

        Invoke-Pester ./tests/ZohoPortal.Tests.ps1 -Output Detailed

    Everything runs against the module's emulator: no Zoho account and no network beyond
    loopback. Describe blocks that need an org of their own connect to a fresh emulator and pass
    that connection explicitly with -Connection.
#>

BeforeDiscovery {
    # The help tests are generated per exported command, so the module is needed at discovery too.
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $exportedCommands = @(Get-Command -Module ZohoPortal, ZohoPortal.Emulator | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module (emulator cmdlets), staged beside the main one.
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    Connect-ZohoPortal -Emulator
}

AfterAll {
    Disconnect-ZohoPortal
    Stop-ZohoPortalEmulator
}

Describe 'Connection' {
    It 'connects to the in-process emulator' {
        $connection = Get-ZohoPortalConnection

        $connection | Should -HaveCount 1
        $connection.IsEmulator | Should -BeTrue
        $connection.AuthType | Should -Be 'Emulator'
        $connection.ApiVersion | Should -Be 'v8'
        $connection.DataCenter | Should -Be 'US'
    }

    It 'returns a connection with -PassThru that -Connection uses' {
        $first = Connect-ZohoPortal -Emulator -PassThru
        $second = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru

        @(Get-Portal -Connection $first).Count | Should -Be 1
        @(Get-Portal -Connection $second).Count | Should -Be 0
        # The last Connect-ZohoPortal is the default for cmdlets without -Connection.
        @(Get-Portal).Count | Should -Be 0
    }

    It 'forgets the connection on Disconnect-ZohoPortal' {
        Connect-ZohoPortal -Emulator
        Disconnect-ZohoPortal

        Get-ZohoPortalConnection | Should -BeNullOrEmpty
        { Get-Portal } | Should -Throw -ErrorId 'NotConnected,*'
    }

    AfterAll {
        # Leave a default connection for the rest of the file, as the top-level BeforeAll did.
        Connect-ZohoPortal -Emulator
    }
}

Describe 'Portals' {
    BeforeAll {
        $connection = Connect-ZohoPortal -Emulator -PassThru
    }

    It 'Get-Portal returns the org portal as a typed object' {
        $portal = Get-Portal -Connection $connection

        $portal | Should -HaveCount 1
        $portal | Should -BeOfType 'ZohoPortal.Core.Models.Portal'
        $portal.Name | Should -Be 'ZylkerAutos'
        $portal.Active | Should -BeTrue
    }

    It 'who created and changed a portal or a user type is text that Where-Object and CSV see' {
        $portal = Get-Portal -Connection $connection
        $portal.CreatedByInfo.Name | Should -Not -BeNullOrEmpty

        @(Get-Portal -Connection $connection | Where-Object CreatedBy -eq $portal.CreatedByInfo.Name) | Should -HaveCount 1
        ($portal | ConvertTo-Csv | ConvertFrom-Csv).CreatedBy | Should -Be $portal.CreatedByInfo.Name
        $type = Get-PortalUserType -Name Customers -Connection $connection
        $type.ModifiedByInfo.Name | Should -Not -BeNullOrEmpty
        $type.ModifiedBy | Should -Be $type.ModifiedByInfo.Name
        @(Get-PortalUserType -Connection $connection | Where-Object ModifiedBy -eq $type.ModifiedByInfo.Name).Name | Should -Contain 'Customers'
    }

    It 'New-Portal rejects a short name before sending any request' {
        $empty = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru
        $empty.Emulator.RequestLog.Clear()

        New-Portal -Name 'ab' -Connection $empty -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PortalNameLength,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $empty.Emulator.RequestLog.Count | Should -Be 0
    }

    It 'New-Portal reports a name taken elsewhere in Zoho as ALREADY_USED' {
        $empty = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru

        New-Portal -Name 'MyFirstCompany' -Connection $empty -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ALREADY_USED,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $empty.Emulator.Org.PortalName | Should -BeNullOrEmpty
    }

    It 'New-Portal creates the portal of an empty org and returns it' {
        $empty = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru

        $portal = New-Portal -Name 'ZylkerCare' -Connection $empty

        $portal.Name | Should -Be 'ZylkerCare'
        $empty.Emulator.Org.PortalName | Should -Be 'ZylkerCare'
    }

    It 'Remove-Portal -WhatIf sends nothing' {
        $connection.Emulator.RequestLog.Clear()

        Remove-Portal -Name 'ZylkerAutos' -Connection $connection -WhatIf

        $connection.Emulator.RequestLog.Count | Should -Be 0
        $connection.Emulator.Org.PortalName | Should -Be 'ZylkerAutos'
    }

    It 'Remove-Portal -Force deletes the portal with one DELETE' {
        $own = Connect-ZohoPortal -Emulator -PassThru

        Remove-Portal -Name 'ZylkerAutos' -Connection $own -Force

        $own.Emulator.RequestLog.CountOf('DELETE', '/settings/portals/ZylkerAutos') | Should -Be 1
        @(Get-Portal -Connection $own).Count | Should -Be 0
    }
}

Describe 'Emulator over loopback' {
    BeforeAll {
        $emulator = Start-ZohoPortalEmulator
        $emulator | Connect-ZohoPortal
        $baseUrl = $emulator.BaseUrl.AbsoluteUri
    }

    AfterAll {
        $emulator | Stop-ZohoPortalEmulator
    }

    It 'serves the module over HTTP' {
        $portal = Get-Portal

        $portal.Name | Should -Be 'ZylkerAutos'
        (Get-ZohoPortalConnection).ApiBaseUrl.AbsoluteUri | Should -Be $baseUrl
        $emulator.Emulator.RequestLog.CountOf('GET', '/crm/v8/settings/portals') | Should -BeGreaterOrEqual 1
    }

    It 'answers Invoke-RestMethod: a token, then the portal list' {
        $form = @{
            grant_type    = 'refresh_token'
            client_id     = $emulator.ClientId
            client_secret = [Net.NetworkCredential]::new('', $emulator.ClientSecret).Password
            refresh_token = [Net.NetworkCredential]::new('', $emulator.RefreshToken).Password
        }
        $token = Invoke-RestMethod -Method Post -Uri "${baseUrl}oauth/v2/token" -Body $form

        $token.access_token | Should -Not -BeNullOrEmpty

        $headers = @{ Authorization = "Zoho-oauthtoken $($token.access_token)" }
        $answer = Invoke-RestMethod -Method Get -Uri "${baseUrl}crm/v8/settings/portals" -Headers $headers

        $answer.portals | Should -HaveCount 1
        $answer.portals[0].name | Should -Be 'ZylkerAutos'
    }

    It 'refuses an API call without a token' {
        { Invoke-RestMethod -Method Get -Uri "${baseUrl}crm/v8/settings/portals" } | Should -Throw
    }
}

Describe 'Fault injection' {
    BeforeAll {
        $connection = Connect-ZohoPortal -Emulator -PassThru
    }

    It 'Get-Portal still works after two 429 answers, which the request log shows' {
        $connection.Emulator.RequestLog.Clear()
        $null = $connection.Emulator.Faults.Add('TooManyRequests', 2)

        $portal = Get-Portal -Connection $connection

        $portal.Name | Should -Be 'ZylkerAutos'
        $throttled = @($connection.Emulator.RequestLog.Entries | Where-Object { $_.Status -eq 429 })
        $throttled.Count | Should -Be 2
        $connection.Emulator.RequestLog.CountOf('GET', '/settings/portals') | Should -Be 3
    }

    It 'reports each retry on the Verbose stream' {
        $null = $connection.Emulator.Faults.Add('TooManyRequests', 1)

        $records = Get-Portal -Connection $connection -Verbose 4>&1

        $retries = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Retry 1 of *' })
        $retries.Count | Should -Be 1
        @($records | Where-Object { $_.Name -eq 'ZylkerAutos' }).Count | Should -Be 1
    }
}

Describe 'User types' {
    BeforeEach {
        $c = New-ZohoPortalEmulator -UsersPerUserType 3 | Connect-ZohoPortal -PassThru
        $contacts = New-PortalUserTypeModule -Module Contacts -Permission View -Layout Standard -View 'All Contacts'
        $notes = New-PortalUserTypeModule -Module Notes -Permission View
    }

    It 'creates, changes and removes a user type as typed at a prompt' {
        $created = New-PortalUserType -Name Dealers -Module $contacts, $notes -Active $true

        $created.Name | Should -Be 'Dealers'
        $c.Emulator.Org.UserTypeCount | Should -Be 3

        Set-PortalUserType -Identity Dealers -NewName 'Premium Dealers'
        (Get-PortalUserType -Name 'Premium Dealers').Name | Should -Be 'Premium Dealers'

        Remove-PortalUserType -Identity 'Premium Dealers' -Force
        $c.Emulator.Org.UserTypeCount | Should -Be 2
    }

    It 'a sixth user type fails with LICENSE_LIMIT_EXCEEDED' {
        foreach ($name in 'Third', 'Fourth', 'Fifth', 'Sixth') {
            $null = New-PortalUserType -Name $name -Module $contacts, $notes -ErrorVariable +failures -ErrorAction SilentlyContinue
        }

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'LICENSE_LIMIT_EXCEEDED,*'
        $failures[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $c.Emulator.Org.UserTypeCount | Should -Be 5
    }

    It 'Remove-PortalUserType on a type with users and no -TransferUsersTo explains what to do' {
        $null = Get-Portal
        $c.Emulator.RequestLog.Clear()

        Remove-PortalUserType -Identity Partners -Force -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'UserTypeHasUsers,*'
        $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-TransferUsersTo*'
        # Reads only: the user-type listing that resolves the name and the one-user page that counts the users now.
        @($c.Emulator.RequestLog.Entries | ForEach-Object Method) | Should -Be @('GET', 'GET')
        $c.Emulator.Org.UserTypeCount | Should -Be 2
    }

    It 'Remove-PortalUserType -TransferUsersTo moves the users, then deletes the type' {
        Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force

        $remaining = @(Get-PortalUserType)
        $remaining | Should -HaveCount 1
        $remaining[0].Name | Should -Be 'Customers'
        @(Get-PortalUser -UserType Customers).Count | Should -Be 6
    }

    It '-WhatIf sends nothing' {
        $null = Get-PortalUserType
        $c.Emulator.RequestLog.Clear()

        New-PortalUserType -Name Dealers -Module $contacts, $notes -WhatIf
        Get-PortalUserType -Name Partners | Remove-PortalUserType -TransferUsersTo Customers -WhatIf

        @($c.Emulator.RequestLog.Entries | Where-Object { $_.Method -ne 'GET' }).Count | Should -Be 0
        $c.Emulator.Org.UserTypeCount | Should -Be 2
    }

    It 'a user type from Get-PortalUserType pipes into Get-PortalUser' {
        $users = @(Get-PortalUserType -Name Customers | Get-PortalUser)

        $users.Count | Should -Be 3
        $users[0].UserTypeName | Should -Be 'Customers'
    }
}

Describe 'Portal users' {
    It 'moves 1,050 users piped from Get-PortalUser in 6 transfer calls' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 1050 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $c.Emulator.RequestLog.Clear()

        Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners

        $c.Emulator.RequestLog.CountOf('POST', '/users/action/transfer') | Should -Be 6
        @(Get-PortalUser -UserType Partners).Count | Should -Be 2100
        @(Get-PortalUser -UserType Customers).Count | Should -Be 0
    }

    It 'reports one bad id among good ones and moves the rest' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 20 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId) + '1306462000099999999'

        $ids | Move-PortalUser -UserType Customers -Destination Partners -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        "$($failures[0].TargetObject)" | Should -Be '1306462000099999999'
        @(Get-PortalUser -UserType Partners).Count | Should -Be 40
    }

    It 'removes 1,200 users in 3 calls, and none with -WhatIf' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 1200 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $users = @(Get-PortalUser -UserType Customers)
        $c.Emulator.RequestLog.Clear()

        $users | Remove-PortalUser -WhatIf
        $c.Emulator.RequestLog.CountOf('DELETE', '/users') | Should -Be 0

        $users | Remove-PortalUser -Force
        $c.Emulator.RequestLog.CountOf('DELETE', '/users') | Should -Be 3
        @(Get-PortalUser -UserType Customers).Count | Should -Be 0
    }

    It 'keeps Zoho''s NOT_ALLOWED with its message' {
        $null = New-ZohoPortalEmulator -UsersPerUserType 10 -ContactCount 0 | Connect-ZohoPortal -PassThru

        Get-PortalUser -UserType Customers -Status NotConfirmed -First 1 |
            Disable-PortalUser -Force -ErrorVariable disableErrors -ErrorAction SilentlyContinue

        $disableErrors | Should -HaveCount 1
        $disableErrors[0].FullyQualifiedErrorId | Should -BeLike 'NOT_ALLOWED,*'
        $disableErrors[0].Exception.Message | Should -BeLike '*Deactivating unconfirmed user is not allowed*'
    }

    It 'Enable-PortalUser on 2 active and 3 inactive users sends 3 change_status calls and no error, without asking' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 10 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $inactive = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 3 | Disable-PortalUser -Force -PassThru)
        $active = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 2)
        $c.Emulator.RequestLog.Clear()

        $enabled = @($active + $inactive | Enable-PortalUser -PassThru -ErrorVariable enableErrors)

        $enableErrors | Should -HaveCount 0
        $c.Emulator.RequestLog.CountOf('PUT', '/actions/change_status') | Should -Be 3
        $enabled | Should -HaveCount 5
        @($enabled | Where-Object Active) | Should -HaveCount 5
        @(Get-PortalUser -UserType Customers -Id $inactive.PersonalityId | Where-Object Active) | Should -HaveCount 3
    }

    It 'Enable-PortalUser does not trust an object older than the user''s status' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 10 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $snapshot = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 2)
        $snapshot | Disable-PortalUser -Force
        $c.Emulator.RequestLog.Clear()

        # $snapshot still shows Active = True: Zoho is asked, and both users are activated.
        $snapshot | Enable-PortalUser

        $c.Emulator.RequestLog.CountOf('PUT', '/actions/change_status') | Should -Be 2
        @(Get-PortalUser -UserType Customers -Id $snapshot.PersonalityId | Where-Object Active) | Should -HaveCount 2
    }

    It 'Get-PortalUser -First 5 over 5,000 users requests one page' {
        $c = New-ZohoPortalEmulator -UsersPerUserType 5000 -ContactCount 0 | Connect-ZohoPortal -PassThru
        $c.Emulator.RequestLog.Clear()

        $users = @(Get-PortalUser -UserType Customers -First 5)

        $users.Count | Should -Be 5
        $c.Emulator.RequestLog.CountOf('GET', '/users') | Should -Be 1
    }
}

Describe 'Invitations' {
    BeforeEach {
        $c = Connect-ZohoPortal -Emulator -PassThru
    }

    It 'invites 250 piped contacts with -Wait in 3 bulk requests, one result per record' {
        $records = $c.Emulator.Org.GetRecords('Contacts')
        $c.Emulator.RequestLog.Clear()

        $results = @($records | Send-PortalInvite -UserType Customers -Wait -Force -ErrorVariable failures -ErrorAction SilentlyContinue)

        $c.Emulator.RequestLog.CountOf('POST', '/Contacts/actions/portal_invite') | Should -Be 3
        $results.Count | Should -Be 250
        @($results | Where-Object Code -eq 'SUCCESS').Count | Should -Be 192
        @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'INVALID_DATA,*' }).Count | Should -Be 8
        @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'CANNOT_PROCESS,*' }).Count | Should -Be 50
    }

    It 'an unknown job id is a non-terminating ObjectNotFound error' {
        $jobs = Get-PortalInviteJob -JobId 999 -ErrorVariable failures -ErrorAction SilentlyContinue

        $jobs | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Get-PortalInviteJob without an id lists every job' {
        $c.Emulator.Options.JobDelay = [TimeSpan]::Zero
        $null = $c.Emulator.Org.GetRecords('Contacts') | Send-PortalInvite -UserType Customers -Force -AsJob

        @(Get-PortalInviteJob).Count | Should -Be 3
    }

    It 'Wait-PortalInviteJob on a job that never completes ends at the timeout' {
        $c.Emulator.Options.JobDelay = [System.Threading.Timeout]::InfiniteTimeSpan
        $job = @($c.Emulator.Org.GetRecords('Contacts'))[0..2] | Send-PortalInvite -UserType Customers -Force -AsJob

        $waited = $job | Wait-PortalInviteJob -Timeout 1 -ErrorVariable failures -ErrorAction SilentlyContinue

        $waited.Status | Should -Be 'in_progress'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InviteJobTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }
}

Describe 'Help' {
    BeforeAll {
        $commonParameters = @(
            'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
            'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer',
            'PipelineVariable', 'WhatIf', 'Confirm', 'UseTransaction'
        )
    }

    It '<Name> has a synopsis, a description, every parameter described and two examples' -ForEach $exportedCommands {
        $help = Get-Help $Name -Full

        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Help generated from the syntax alone (no MAML found) starts with the command name.
        $help.Synopsis | Should -Not -BeLike "$Name *"
        (@($help.description | ForEach-Object { $_.Text }) -join ' ') | Should -Not -BeNullOrEmpty

        foreach ($parameter in (Get-Command $Name).Parameters.Keys) {
            if ($commonParameters -contains $parameter) { continue }
            $entry = @($help.parameters.parameter | Where-Object { $_.name -eq $parameter })
            $entry.Count | Should -Be 1 -Because "-$parameter of $Name needs help"
            (@($entry[0].description | ForEach-Object { $_.Text }) -join ' ') | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }

        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }

    It 'about_ZohoPortal is found' {
        $about = Get-Help about_ZohoPortal | Out-String

        $about | Should -Match 'about_ZohoPortal'
        $about | Should -Match 'Connect-ZohoPortal -Emulator'
    }
}
