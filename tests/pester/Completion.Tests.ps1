#Requires -Version 5.1
<#
    Tab completion of module names, portal names and job ids comes from what the connection has
    already read: a completion sends no request.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module: New-ZohoPortalEmulator, and $connection.Emulator (request log, org state).
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    $ProgressPreference = 'SilentlyContinue'
    $script:connection = New-ZohoPortalEmulator -UsersPerUserType 2 -ContactCount 5 | Connect-ZohoPortal -PassThru

    function Complete([string] $Line) {
        $before = $script:connection.Emulator.RequestLog.Count
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        # Completion runs on every key press: it must never call Zoho.
        $script:connection.Emulator.RequestLog.Count | Should -Be $before
        @($result.CompletionMatches | ForEach-Object CompletionText)
    }
}

AfterAll {
    Disconnect-ZohoPortal
}

Describe 'Completion from what the connection has read' {
    It 'module names on <_> after Get-PortalModuleMeta' -ForEach @(
        'New-PortalUserTypeModule -Module Ser', 'Get-PortalModuleMeta -Module Ser', 'Send-PortalInvite -Module Ser',
        'New-PortalUserType -PersonalityModule Ser', 'Get-PortalInviteJob -Module Ser'
    ) {
        $null = Get-PortalModuleMeta -Module Contacts
        Complete $_ | Should -Be @('Services')
    }

    It 'portal names on <_>' -ForEach @('Get-PortalUserType -Portal Zy', 'Get-PortalUser -Portal Zy', 'Remove-PortalUser -Portal Zy', 'Send-PortalInvite -Portal Zy') {
        $null = Get-Portal
        Complete $_ | Should -Be @('ZylkerAutos')
    }

    It 'job ids on <_> after Send-PortalInvite -AsJob' -ForEach @('Get-PortalInviteJob -JobId ', 'Wait-PortalInviteJob -JobId ') {
        $records = @($script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 2)
        $job = $records.Id | Send-PortalInvite -UserType Customers -Force -AsJob
        Complete $_ | Should -Contain $job.JobId
    }
}
