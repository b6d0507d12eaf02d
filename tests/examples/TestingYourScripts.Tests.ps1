#Requires -Version 5.1
# The example suite of docs/testing-your-scripts.md: a script tested against the emulator
# (batching, throttling, a lost answer, the request log) and with ZohoPortal's cmdlets mocked.

BeforeAll {
    $out = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out')
    Import-Module ([IO.Path]::Combine($out, 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    Import-Module ([IO.Path]::Combine($out, 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    . ([IO.Path]::Combine($PSScriptRoot, 'Move-ConfirmedCustomer.ps1'))
}

Describe 'Move-ConfirmedCustomer against the emulator' {
    BeforeEach {
        # A fresh org per test: nothing one test does leaks into the next.
        $script:emu = New-ZohoPortalEmulator -UsersPerUserType 450 -ContactCount 0 -JobDelayMilliseconds 0
        $emu | Connect-ZohoPortal -MaxRetries 2
        $contacts = New-PortalUserTypeModule -Module Contacts -Permission View, Edit -Layout Standard -View 'My Contact Card'
        $notes = New-PortalUserTypeModule -Module Notes -Permission View, Create
        New-PortalUserType -Name Premium -Module $contacts, $notes -Active $true | Out-Null
        Clear-ZohoPortalEmulatorRequest
    }

    AfterEach {
        Disconnect-ZohoPortal
    }

    It 'moves every confirmed active customer, 200 per call' {
        $expected = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count
        Clear-ZohoPortalEmulatorRequest

        Move-ConfirmedCustomer -To Premium | Should -Be "Moved $expected users from Customers to Premium."

        @(Get-PortalUser -UserType Premium).Count | Should -Be $expected
        @(Get-ZohoPortalEmulatorRequest -Method POST -Path '*/users/action/transfer').Count | Should -Be ([math]::Ceiling($expected / 200))
    }

    It 'sends nothing with -WhatIf' {
        Move-ConfirmedCustomer -To Premium -WhatIf | Out-Null

        @(Get-ZohoPortalEmulatorRequest -Method POST).Count | Should -Be 0
    }

    It 'rides out throttling: the 429 is retried and the move completes' {
        Add-ZohoPortalEmulatorFault -Kind TooManyRequests -Count 1 -RetryAfterSeconds 1 -PathContains '/users/action/transfer' | Out-Null

        Move-ConfirmedCustomer -To Premium | Should -Match '^Moved \d+ users'

        $statuses = @(Get-ZohoPortalEmulatorRequest -Method POST -Path '*/users/action/transfer').Status
        $statuses[0] | Should -Be 429
        $statuses[1] | Should -Be 200
    }

    It 'survives a lost answer before Zoho acted: the state is read, then the transfer is sent once more' {
        $expected = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count
        Clear-ZohoPortalEmulatorRequest
        Add-ZohoPortalEmulatorFault -Kind ConnectionReset -Count 1 -Method POST -PathContains '/users/action/transfer' | Out-Null

        $output = Move-ConfirmedCustomer -To Premium -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 0
        $output | Should -Be "Moved $expected users from Customers to Premium."
        # The dropped POST, then (after reading Premium: nobody there) the one repeat, then the other batches.
        $posts = @(Get-ZohoPortalEmulatorRequest -Method POST -Path '*/users/action/transfer')
        $posts[0].Status | Should -Be 0
        $posts.Count | Should -Be (1 + [math]::Ceiling($expected / 200))
    }

    It 'survives a lost answer after Zoho acted: the move is read back, never repeated' {
        $expected = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed).Count
        Clear-ZohoPortalEmulatorRequest
        Add-ZohoPortalEmulatorFault -Kind ConnectionReset -AfterActing -Count 1 -Method POST -PathContains '/users/action/transfer' | Out-Null

        $output = Move-ConfirmedCustomer -To Premium -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 0
        $output | Should -Be "Moved $expected users from Customers to Premium."
        @(Get-ZohoPortalEmulatorRequest -Method POST -Path '*/users/action/transfer').Count | Should -Be ([math]::Ceiling($expected / 200))
        @(Get-PortalUser -UserType Premium).Count | Should -Be $expected
    }
}

Describe 'Move-ConfirmedCustomer with ZohoPortal mocked' {
    BeforeAll {
        # An offline connection: it answers nothing and reaches no network, so a call that was
        # not mocked fails loudly instead of touching an org.
        Mock Connect-ZohoPortal { [ZohoPortal.ZohoPortalConnection]::new('ZylkerAutos') }
        Mock Get-PortalUser {
            foreach ($id in '1306462000000100001', '1306462000000100002') {
                [ZohoPortal.Core.Models.PortalUser]@{ PersonalityId = $id; Name = "User $id"; Active = $true; Confirmed = $true }
            }
        } -ParameterFilter { $UserType -eq 'Customers' }
        Mock Move-PortalUser { $InputObject } -ParameterFilter { $Destination -eq 'Premium' }
    }

    It 'asks for the confirmed active users of the source type and moves each to the target' {
        Move-ConfirmedCustomer -To Premium | Should -Be 'Moved 2 users from Customers to Premium.'

        Should -Invoke Get-PortalUser -Times 1 -Exactly -ParameterFilter { $UserType -eq 'Customers' -and $Status -eq 'ActiveConfirmed' }
        Should -Invoke Move-PortalUser -Times 2 -Exactly -ParameterFilter { $Destination -eq 'Premium' }
    }

    It 'an identity parameter compares equal to the name, whatever case' {
        Move-ConfirmedCustomer -From customers -To premium | Should -Be 'Moved 2 users from customers to premium.'

        Should -Invoke Move-PortalUser -Times 2 -Exactly -ParameterFilter { $Destination -eq 'Premium' }
    }
}
