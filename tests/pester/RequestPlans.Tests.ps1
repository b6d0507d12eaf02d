#Requires -Version 5.1
<#
    The core describes each change before it is made, and -WhatIf prints that plan: a -WhatIf
    that passes names the calls the real run then sends, and a -WhatIf of a change the real run
    would refuse is refused the same way.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module: New-ZohoPortalEmulator, and $connection.Emulator (request log, org state).
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $ProgressPreference = 'SilentlyContinue'
    $script:tmp = Join-Path ([IO.Path]::GetTempPath()) ("zp-plans-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:tmp | Out-Null

    function New-TestOrg([int] $Users = 3) {
        $script:connection = New-ZohoPortalEmulator -UsersPerUserType $Users -ContactCount 0 | Connect-ZohoPortal -PassThru
    }
    function Get-Changes { @($script:connection.Emulator.RequestLog.Entries | Where-Object { $_.Method -ne 'GET' -and $_.Path -like '/crm/*' }) }

    # The "What if:" lines of a script block (PowerShell writes them to the host, so a transcript catches them).
    function Get-WhatIf([scriptblock] $Script) {
        $file = Join-Path $script:tmp ([Guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -Path $file | Out-Null
        try { & $Script } finally { Stop-Transcript | Out-Null }
        @(Get-Content $file | Where-Object { $_ -like 'What if:*' })
    }
}

AfterAll {
    Disconnect-ZohoPortal
    Remove-Item -Recurse -Force $script:tmp -ErrorAction SilentlyContinue
}

Describe '-WhatIf refuses what the real run refuses' {
    BeforeEach { New-TestOrg }

    It 'Remove-PortalUserType of a type with users and no -TransferUsersTo' {
        $dry = @(); $real = @()
        Remove-PortalUserType Partners -WhatIf -ErrorVariable dry -ErrorAction SilentlyContinue
        Remove-PortalUserType Partners -Force -ErrorVariable real -ErrorAction SilentlyContinue

        $dry | Should -HaveCount 1
        $real | Should -HaveCount 1
        $dry[0].FullyQualifiedErrorId | Should -BeLike 'UserTypeHasUsers,*'
        $real[0].FullyQualifiedErrorId | Should -Be $dry[0].FullyQualifiedErrorId
        $dry[0].ErrorDetails.Message | Should -BeLike '*3 users*-TransferUsersTo*'
        Get-Changes | Should -HaveCount 0
        @(Get-PortalUserType).Name | Should -Contain 'Partners'
    }

    It 'New-PortalUserType whose module entry lacks the layout Zoho requires names the module' {
        $dry = @(); $real = @()
        Get-PortalModuleMeta -Module Contacts | Where-Object ApiName -in 'Contacts', 'Notes' | New-PortalUserTypeModule -Permission View |
            New-PortalUserType -Name Dealers -WhatIf -ErrorVariable dry -ErrorAction SilentlyContinue
        Get-PortalModuleMeta -Module Contacts | Where-Object ApiName -in 'Contacts', 'Notes' | New-PortalUserTypeModule -Permission View |
            New-PortalUserType -Name Dealers -Confirm:$false -ErrorVariable real -ErrorAction SilentlyContinue

        $dry | Should -HaveCount 1
        $dry[0].FullyQualifiedErrorId | Should -BeLike 'ModuleLayoutRequired,*'
        $dry[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $dry[0].Exception.Message | Should -BeLike '*Module Contacts*Standard*-Layout*'
        $real[0].FullyQualifiedErrorId | Should -Be $dry[0].FullyQualifiedErrorId
        Get-Changes | Should -HaveCount 0
    }

    It 'Set-PortalUserType with a module the user type cannot have' {
        $dry = @(); $real = @()
        $entry = New-PortalUserTypeModule -Module Invoices -Permission View
        Set-PortalUserType Partners -Module $entry -WhatIf -ErrorVariable dry -ErrorAction SilentlyContinue
        Set-PortalUserType Partners -Module $entry -Confirm:$false -ErrorVariable real -ErrorAction SilentlyContinue

        $dry | Should -HaveCount 1
        $dry[0].FullyQualifiedErrorId | Should -BeLike 'UnknownUserTypeModule,*'
        $dry[0].Exception.Message | Should -BeLike "*Invoices*"
        $real[0].FullyQualifiedErrorId | Should -Be $dry[0].FullyQualifiedErrorId
        Get-Changes | Should -HaveCount 0
    }

    It 'the same entries with a layout and view pass both, and the real run creates the type' {
        $modules = (New-PortalUserTypeModule Contacts -Permission View -Layout Standard -View 'All Contacts'), (New-PortalUserTypeModule Notes -Permission View)
        $whatIf = @(Get-WhatIf { New-PortalUserType -Name Dealers -Module $modules -WhatIf })
        $whatIf | Should -HaveCount 1
        $whatIf[0] | Should -BeLike '*Create (POST /settings/portals/ZylkerAutos/user_type, 1 call; modules Contacts, Notes)*'
        Get-Changes | Should -HaveCount 0

        $created = New-PortalUserType -Name Dealers -Module $modules -Confirm:$false
        $created.Name | Should -Be 'Dealers'
        @(Get-Changes | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/user_type' }) | Should -HaveCount 1
    }
}

Describe 'The calls -WhatIf prints are the calls the real run sends' {
    It '<Verb> of the users of a 450-user type: <What>' -ForEach @(
        @{ Verb = 'Move'; Extra = @{ Destination = 'Partners' }; Method = 'POST'; Path = '*/action/transfer'; Calls = 3; What = 'calls of at most 200 users' }
        @{ Verb = 'Remove'; Extra = @{ Force = $true }; Method = 'DELETE'; Path = '*/users'; Calls = 1; What = 'call of at most 499 users' }
        @{ Verb = 'Disable'; Extra = @{ Force = $true }; Method = 'PUT'; Path = '*/actions/change_status'; Calls = 0; What = 'calls, one per user' }
    ) {
        New-TestOrg -Users 450
        $users = @(Get-PortalUser -UserType Customers)
        # Zoho refuses to deactivate users who never accepted the invitation: disable the active, confirmed ones.
        if ($Verb -eq 'Disable') { $users = @(Get-PortalUser -UserType Customers -Status ActiveConfirmed); $Calls = $users.Count }
        $whatIf = @(Get-WhatIf { $users | & "$Verb-PortalUser" @Extra -WhatIf })
        $whatIf | Should -HaveCount 1
        $whatIf[0] | Should -BeLike ("*, {0:N0} {1}*" -f $Calls, $What)
        Get-Changes | Should -HaveCount 0

        $script:connection.Emulator.RequestLog.Clear()
        $users | & "$Verb-PortalUser" @Extra
        @(Get-Changes | Where-Object { $_.Method -eq $Method -and $_.Path -like $Path }) | Should -HaveCount $Calls
    }

    It 'Remove-PortalUserType -TransferUsersTo prints the transfer and the delete it then sends' {
        New-TestOrg -Users 450
        $whatIf = @(Get-WhatIf { Remove-PortalUserType Partners -TransferUsersTo Customers -WhatIf })
        $whatIf | Should -HaveCount 1
        $whatIf[0] | Should -BeLike "*Move its 450 users to 'Customers' (POST */users/action/transfer?transfer_To=*, 3 calls of at most 200 users), then delete (DELETE *"
        Get-Changes | Should -HaveCount 0

        Remove-PortalUserType Partners -TransferUsersTo Customers -Force
        @(Get-Changes | Where-Object { $_.Method -eq 'POST' }) | Should -HaveCount 3
        @(Get-Changes | Where-Object { $_.Method -eq 'DELETE' }) | Should -HaveCount 1
        @(Get-PortalUser -UserType Customers).Count | Should -Be 900
    }
}
