#Requires -Version 5.1
<#
    The portal's user types as code, as an administrator works with them: export to a file, edit
    the JSON in PowerShell, compare, import with -WhatIf first and then for real; two emulated
    orgs stand for a sandbox and production (same CRM modules and fields, different ids).
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
    $ProgressPreference = 'SilentlyContinue'
    $script:sandbox = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 0 | Connect-ZohoPortal -PassThru
    $script:production = New-ZohoPortalEmulator -NoCustomUserTypes -IdPrefix 2206319 -UsersPerUserType 0 -ContactCount 0 | Connect-ZohoPortal -PassThru

    function Get-Changes($Connection) { @($Connection.Emulator.RequestLog.Entries | Where-Object { $_.Method -ne 'GET' -and $_.Path -like '/crm/*' } | ForEach-Object { "$($_.Method) $($_.Path)" }) }

    # The "What if:" lines of a script block (written to the host, so a transcript catches them).
    function Get-WhatIf([scriptblock] $Script) {
        $file = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -Path $file | Out-Null
        try { & $Script } finally { Stop-Transcript | Out-Null }
        @(Get-Content $file | Where-Object { $_ -like 'What if:*' })
    }

    function Get-Table80([object[]] $InputObject) {
        @(($InputObject | Format-Table | Out-String -Width 80) -split "\r?\n" | Where-Object { $_.Trim() })
    }
}

AfterAll {
    Disconnect-ZohoPortal
}

Describe 'Export-PortalConfiguration' {
    It 'writes a stable, sorted file to TestDrive' {
        Export-PortalConfiguration -Path TestDrive:/sandbox.json -Connection $script:sandbox
        $text = Get-Content TestDrive:/sandbox.json -Raw
        $config = $text | ConvertFrom-Json
        $config.schemaVersion | Should -Be 1
        $config.portal | Should -Be 'ZylkerAutos'
        @($config.userTypes.name) | Should -Be @('Customers', 'Partners')
        $config.userTypes[0].modules[0].apiName | Should -Be 'Contacts'
        $config.userTypes[0].modules[0].layouts[0].name | Should -Be 'Standard'
        $text | Should -Not -Match "`r"

        Export-PortalConfiguration -Path TestDrive:/again.json -Connection $script:sandbox
        Get-Content TestDrive:/again.json -Raw | Should -BeExactly $text
    }

    It '-NoClobber keeps an existing file and says so' {
        Set-Content TestDrive:/keep.json 'mine'
        Export-PortalConfiguration -Path TestDrive:/keep.json -NoClobber -Connection $script:sandbox -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigurationFileExists,*'
        Get-Content TestDrive:/keep.json | Should -Be 'mine'
    }
}

Describe 'Round trip between two orgs' {
    It 'export, import into an org with only its default type, export again: equal apart from ids' {
        Export-PortalConfiguration -Path TestDrive:/sandbox.json -Connection $script:sandbox
        $results = @(Import-PortalConfiguration -Path TestDrive:/sandbox.json -Connection $script:production -Confirm:$false)
        @($results | ForEach-Object { "$($_.Action) $($_.UserTypeName) $($_.Outcome)" }) | Should -Be @('Create Partners Succeeded', 'Unchanged Customers Unchanged')
        Export-PortalConfiguration -Path TestDrive:/production.json -Connection $script:production

        $a = Get-Content TestDrive:/sandbox.json
        $b = Get-Content TestDrive:/production.json
        ($a -join "`n") | Should -Not -Be ($b -join "`n")
        @($a | Where-Object { $_ -notmatch '"id":' }) | Should -Be @($b | Where-Object { $_ -notmatch '"id":' })
    }
}

Describe 'Edit, compare, import' {
    BeforeAll {
        Export-PortalConfiguration -Path TestDrive:/portal.json -Connection $script:sandbox
        $config = Get-Content TestDrive:/portal.json -Raw | ConvertFrom-Json
        ($config.userTypes | Where-Object name -eq Customers).modules[0].permissions.create = $true
        ($config.userTypes | Where-Object name -eq Partners).name = 'Resellers'
        $config | ConvertTo-Json -Depth 20 | Set-Content TestDrive:/edited.json
    }

    It 'Compare writes one step object per user type, updates with each change old -> new' {
        $steps = @(Compare-PortalConfiguration -Path TestDrive:/edited.json -Connection $script:sandbox)
        @($steps | ForEach-Object { "$($_.Action) $($_.UserTypeName)" }) | Should -Be @('Update Customers', 'Update Resellers')
        $steps[0].Changes[0].Property | Should -Be 'Modules[Contacts].Permissions.Create'
        $steps[0].Changes[0].OldValue | Should -Be 'False'
        $steps[0].Changes[0].NewValue | Should -Be 'True'
        "$($steps[1].Changes)" | Should -Be 'Name: Partners -> Resellers'
        $steps[1].UserTypeId | Should -Be (Get-PortalUserType -Name Partners -Connection $script:sandbox).Id
    }

    It 'the step and result tables fit 80 columns' {
        $lines = Get-Table80 (Compare-PortalConfiguration -Path TestDrive:/edited.json -Connection $script:sandbox)
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be @('Order', 'Action', 'UserType', 'Changes')
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $lines | Should -HaveCount 4
    }

    It 'Import -WhatIf prints every step and sends nothing' {
        $script:sandbox.Emulator.RequestLog.Clear()
        $whatIf = Get-WhatIf { Import-PortalConfiguration -Path TestDrive:/edited.json -Connection $script:sandbox -WhatIf }
        $whatIf | Should -HaveCount 2
        $whatIf[0] | Should -BeLike "*Update user type 'Customers' (PUT /settings/portals/ZylkerAutos/user_type/*): Modules``[Contacts``].Permissions.Create: False -> True*"
        $whatIf[1] | Should -BeLike "*Name: Partners -> Resellers*"
        Get-Changes $script:sandbox | Should -BeNullOrEmpty
        (Get-PortalUserType -Connection $script:sandbox).Name | Should -Contain 'Partners'
    }

    It 'Import -Confirm:$false applies exactly the plan and reports each step' {
        $script:sandbox.Emulator.RequestLog.Clear()
        $results = @(Import-PortalConfiguration -Path TestDrive:/edited.json -Connection $script:sandbox -Confirm:$false)
        @($results | ForEach-Object { "$($_.Action) $($_.UserTypeName) $($_.Outcome)" }) | Should -Be @('Update Customers Succeeded', 'Update Resellers Succeeded')
        @(Get-Changes $script:sandbox | ForEach-Object { $_.Split(' ')[0] }) | Should -Be @('PUT', 'PUT')
        (Get-PortalUserType -Connection $script:sandbox).Name | Should -Be @('Customers', 'Resellers')
        ((Get-PortalUserType -Name Customers -IncludeModules -Connection $script:sandbox).Modules | Where-Object ApiName -eq Contacts).Permissions.Create | Should -BeTrue
        $lines = Get-Table80 $results
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }

        # Run again: everything is as the file says.
        @(Compare-PortalConfiguration -Path TestDrive:/edited.json -Connection $script:sandbox | Where-Object Action -ne Unchanged) | Should -HaveCount 0
    }
}

Describe 'Refusals' {
    It 'a file naming a module the target lacks is refused before any change, naming it' {
        Export-PortalConfiguration -Path TestDrive:/base.json -Connection $script:production
        $config = Get-Content TestDrive:/base.json -Raw | ConvertFrom-Json
        $config.userTypes[0].modules += [pscustomobject]@{ apiName = 'Invoices'; permissions = @{ view = $true } }
        $config | ConvertTo-Json -Depth 20 | Set-Content TestDrive:/invoices.json
        $script:production.Emulator.RequestLog.Clear()

        Import-PortalConfiguration -Path TestDrive:/invoices.json -Connection $script:production -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigurationNamesNotInTarget,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike '*module Invoices*'
        Get-Changes $script:production | Should -BeNullOrEmpty
    }

    It 'a file of another schema version is refused with its own ErrorId' {
        Set-Content TestDrive:/v2.json '{"schemaVersion": 2, "userTypes": []}'
        { Compare-PortalConfiguration -Path TestDrive:/v2.json -Connection $script:production -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*schemaVersion 2*'
    }
}
