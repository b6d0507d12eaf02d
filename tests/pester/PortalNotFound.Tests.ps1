#Requires -Version 5.1
<#
    A portal name that is not the org's portal gets the same PortalNotFound error from every
    cmdlet that takes one (ObjectNotFound, naming the name given and the org's portal), before
    any change is sent.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module: New-ZohoPortalEmulator, and $connection.Emulator (request log, org state).
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $ProgressPreference = 'SilentlyContinue'
    $script:connection = New-ZohoPortalEmulator -UsersPerUserType 2 | Connect-ZohoPortal -PassThru
    $script:userId = (Get-PortalUser -First 1).PersonalityId
    $script:calls = @{
        'Get-PortalUser'        = { Get-PortalUser -Portal ZylkerAuto }
        'Move-PortalUser'       = { Move-PortalUser -Id $script:userId -UserType Customers -Destination Partners -Portal ZylkerAuto }
        'Enable-PortalUser'     = { Enable-PortalUser -Id $script:userId -UserType Customers -Portal ZylkerAuto -Confirm:$false }
        'Disable-PortalUser'    = { Disable-PortalUser -Id $script:userId -UserType Customers -Portal ZylkerAuto -Force }
        'Remove-PortalUser'     = { Remove-PortalUser -Id $script:userId -UserType Customers -Portal ZylkerAuto -Force }
        'Get-PortalUserType'    = { Get-PortalUserType -Portal ZylkerAuto }
        'New-PortalUserType'    = { New-PortalUserType -Name Dealers -PersonalityModule Contacts -Module (New-PortalUserTypeModule -Module Contacts -Permission View), (New-PortalUserTypeModule -Module Notes -Permission View) -Portal ZylkerAuto -Confirm:$false }
        'Set-PortalUserType'    = { Set-PortalUserType -Identity Partners -NewName Dealers -Portal ZylkerAuto -Force }
        'Remove-PortalUserType' = { Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Portal ZylkerAuto -Force }
        'Send-PortalInvite'     = { Send-PortalInvite -RecordId $script:userId -UserType Customers -Reinvite -Portal ZylkerAuto -Force }
        'Get-Portal'            = { Get-Portal -Name ZylkerAuto }
        'Set-Portal'            = { Set-Portal -Name ZylkerAuto -NewName ZylkerAutos2 -Confirm:$false }
        'Remove-Portal'         = { Remove-Portal -Name ZylkerAuto -Force }
        'Export-PortalConfiguration'  = { Export-PortalConfiguration -Portal ZylkerAuto }
        'Compare-PortalConfiguration' = { Export-PortalConfiguration | Compare-PortalConfiguration -Portal ZylkerAuto }
        'Import-PortalConfiguration'  = { Export-PortalConfiguration | Import-PortalConfiguration -Portal ZylkerAuto -Confirm:$false }
        'Sync-PortalUser'       = { $script:userId | Sync-PortalUser -UserType Customers -Absent Remove -Portal ZylkerAuto -Force }
    }
}

AfterAll {
    Disconnect-ZohoPortal
}

Describe 'PortalNotFound' {
    It 'covers every cmdlet with a -Portal parameter' {
        $withPortal = @(Get-Command -Module ZohoPortal | Where-Object { $_.Parameters.ContainsKey('Portal') } | ForEach-Object Name)
        $withPortal.Count | Should -BeGreaterThan 5
        foreach ($name in $withPortal) { $script:calls.Keys | Should -Contain $name }
    }

    It '<_> names the portal and the org''s portal, and changes nothing' -ForEach @(
        'Get-PortalUser', 'Move-PortalUser', 'Enable-PortalUser', 'Disable-PortalUser', 'Remove-PortalUser', 'Get-PortalUserType',
        'New-PortalUserType', 'Set-PortalUserType', 'Remove-PortalUserType', 'Send-PortalInvite', 'Get-Portal', 'Set-Portal', 'Remove-Portal',
        'Export-PortalConfiguration', 'Compare-PortalConfiguration', 'Import-PortalConfiguration',
        'Sync-PortalUser'
    ) {
        $script:connection.Emulator.RequestLog.Clear()
        $errors = @()
        try { & $script:calls[$_] -ErrorVariable +errors -ErrorAction SilentlyContinue } catch { $errors += $_ }

        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PortalNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'ZylkerAuto'
        $errors[0].Exception.Message | Should -BeLike "*'ZylkerAuto'*'ZylkerAutos'*"
        @($script:connection.Emulator.RequestLog.Entries | Where-Object Method -ne 'GET') | Should -HaveCount 0
        (Get-Portal).Name | Should -Be 'ZylkerAutos'
    }
}
