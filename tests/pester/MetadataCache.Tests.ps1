#Requires -Version 5.1
<#
    The connection's metadata cache as a script author meets it: a loop of single-user commands
    costs one call per user after the first (objects, CSV rows and ids), a user type renamed in
    another session is found after one fresh listing, and a user type deleted in another session
    gets Zoho's refusal once, then the module's own UserTypeNotFound before anything is sent.
    Calls are counted in the emulator's request log.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $ProgressPreference = 'SilentlyContinue'

    function script:CrmCalls([scriptblock] $Where = { $true }) {
        @($script:emu.RequestLog.Entries | Where-Object { $_.Path -like '/crm/*' } | Where-Object $Where).Count
    }
}

AfterAll {
    Disconnect-ZohoPortal
}

Describe 'Loops of single-user commands' {
    BeforeEach {
        $script:emu = New-ZohoPortalEmulator -UsersPerUserType 120 -JobDelayMilliseconds 0
        $script:connection = $script:emu | Connect-ZohoPortal -PassThru
    }

    It 'moves 100 users given by id one command each for 100 transfers and one lookup' {
        $ids = Get-PortalUser -UserType Customers -First 100 | ForEach-Object PersonalityId
        $fresh = $script:emu | Connect-ZohoPortal -PassThru   # cold cache
        $script:emu.RequestLog.Clear()
        foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners -Connection $fresh }

        CrmCalls { $_.Path -like '*/action/transfer' } | Should -Be 100
        CrmCalls { $_.Method -eq 'GET' } | Should -Be 2      # the portal name and the user types, once
        (Get-PortalUser -UserType Partners -Connection $fresh | Measure-Object).Count | Should -Be 220
    }

    It 'moves CSV rows one command each with no lookup once the cache is warm' {
        $csv = Join-Path $TestDrive 'users.csv'
        Get-PortalUser -UserType Customers -Status ActiveConfirmed -First 20 | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -BeGreaterThan 5
        $script:emu.RequestLog.Clear()
        foreach ($row in $rows) { $row | Disable-PortalUser -Force }

        CrmCalls { $_.Method -eq 'PUT' } | Should -Be $rows.Count
        CrmCalls { $_.Path -like '*/user_type' -or $_.Path -like '*/settings/portals' } | Should -Be 0
    }

    It 'reads the user types in every command when the cache is turned off' {
        $script:connection.MetadataCacheLifetime = [TimeSpan]::Zero
        $ids = Get-PortalUser -UserType Customers -First 3 | ForEach-Object PersonalityId
        $script:emu.RequestLog.Clear()
        foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners }
        CrmCalls { $_.Method -eq 'GET' -and $_.Path -like '*/user_type' } | Should -Be 3
    }
}

Describe 'A change made in another session' {
    BeforeEach {
        $script:emu = New-ZohoPortalEmulator -UsersPerUserType 5 -JobDelayMilliseconds 0
        $script:mine = $script:emu | Connect-ZohoPortal -PassThru
        $script:ids = @(Get-PortalUser -UserType Customers -Connection $script:mine | ForEach-Object PersonalityId)
        $script:theirs = $script:emu | Connect-ZohoPortal -PassThru
    }

    It 'a user type renamed there is found here after one fresh listing' {
        Set-PortalUserType -Identity Partners -NewName Resellers -Connection $script:theirs
        $script:emu.RequestLog.Clear()

        $moved = Move-PortalUser -Id $script:ids[0] -UserType Customers -Destination Resellers -Connection $script:mine -PassThru
        $moved.UserTypeName | Should -Be 'Resellers'
        CrmCalls { $_.Method -eq 'GET' -and $_.Path -like '*/user_type' } | Should -Be 1
    }

    It 'a user type deleted there: Zoho refuses the change once, then the name is refused before sending' {
        Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force -Connection $script:theirs
        $script:emu.RequestLog.Clear()

        $first = @()
        Move-PortalUser -Id $script:ids[0] -UserType Customers -Destination Partners -Connection $script:mine -ErrorVariable first -ErrorAction SilentlyContinue
        $first.Count | Should -Be 1
        $first[0].FullyQualifiedErrorId | Should -BeLike 'INVALID_DATA,*'

        $second = @()
        Move-PortalUser -Id $script:ids[1] -UserType Customers -Destination Partners -Connection $script:mine -ErrorVariable second -ErrorAction SilentlyContinue
        $second.Count | Should -Be 1
        $second[0].FullyQualifiedErrorId | Should -BeLike 'UserTypeNotFound,*'
        $second[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        CrmCalls { $_.Path -like '*/action/transfer' } | Should -Be 1
    }

    It 'Get-PortalUser of a user type deleted there reads the user types again and says UserTypeNotFound' {
        $null = Get-PortalUserType -Connection $script:mine
        Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force -Connection $script:theirs
        $errors = @()
        $users = Get-PortalUser -UserType Partners -Connection $script:mine -ErrorVariable errors -ErrorAction SilentlyContinue
        $users | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UserTypeNotFound,*'
    }
}
