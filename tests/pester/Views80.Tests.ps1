#Requires -Version 5.1
<#
    The default table view of every output type, rendered at 80 columns (a runbook log, CI
    output): headers on one line, the key columns present, nothing past column 80, and no column
    that is empty for the objects a plain command returns.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    # The companion module: New-ZohoPortalEmulator, and $connection.Emulator (request log, org state).
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
    $ProgressPreference = 'SilentlyContinue'
    $script:connection = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 10 | Connect-ZohoPortal -PassThru

    # The header line, the dash line under it and the rows of a table rendered at 80 columns.
    function Get-Table80([object[]] $InputObject) {
        $lines = @(($InputObject | Format-Table | Out-String -Width 80) -split "\r?\n" | Where-Object { $_.Trim() })
        [pscustomobject]@{ Header = $lines[0]; Dashes = $lines[1]; Rows = @($lines | Select-Object -Skip 2); All = $lines }
    }

    # The columns as the dash line shows them: start and end of each run of dashes.
    function Get-ColumnSpans([string] $Dashes) {
        foreach ($m in [regex]::Matches($Dashes, '-+')) { [pscustomobject]@{ Start = $m.Index; Length = $m.Length } }
    }

    $records = @($script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser })
    $script:samples = [ordered]@{
        Portal             = @{ Objects = @(Get-Portal); Keys = 'Name', 'Active' }
        PortalUserType     = @{ Objects = @(Get-PortalUserType); Keys = 'Name', 'Id', 'PersonalityModule', 'Users' }
        PortalUser         = @{ Objects = @(Get-PortalUser); Keys = 'Name', 'Email', 'Active', 'UserType', 'PersonalityId' }
        UserTypeModule     = @{ Objects = @(New-PortalUserTypeModule -Module Contacts -Permission View, Edit); Keys = 'Module', 'Permissions' }
        PortalModuleMeta   = @{ Objects = @(Get-PortalModuleMeta -Module Contacts); Keys = 'ApiName', 'Id' }
        PortalInviteResult = @{ Objects = @(Send-PortalInvite -RecordId $records[0].Id -UserType Partners -Force); Keys = 'RecordId', 'Code', 'Status', 'Message' }
        PortalInviteJob    = @{ Objects = @($records[1].Id | Send-PortalInvite -UserType Partners -Force -AsJob); Keys = 'JobId', 'Module', 'Status', 'Records' }
    }
}

AfterAll {
    Disconnect-ZohoPortal
}

Describe 'Format-Table at 80 columns' {
    It '<_> has its headers on one line with its key columns' -ForEach @('Portal', 'PortalUserType', 'PortalUser', 'UserTypeModule', 'PortalModuleMeta', 'PortalInviteResult', 'PortalInviteJob') {
        $sample = $script:samples[$_]
        $sample.Objects.Count | Should -BeGreaterThan 0
        $table = Get-Table80 $sample.Objects

        $table.Dashes | Should -Match '^[- ]+$'
        $headers = @($table.Header -split '\s+' | Where-Object { $_ })
        foreach ($key in $sample.Keys) { $headers | Should -Contain $key }
        # One row per object: a wrapped header or a wrapped row would add lines.
        $table.Rows | Should -HaveCount $sample.Objects.Count
        $table.All | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It '<_> has no column that is empty for every row' -ForEach @('Portal', 'PortalUserType', 'PortalUser', 'UserTypeModule', 'PortalModuleMeta', 'PortalInviteResult', 'PortalInviteJob') {
        $table = Get-Table80 $script:samples[$_].Objects
        foreach ($span in (Get-ColumnSpans $table.Dashes)) {
            $cells = @($table.Rows | ForEach-Object { if ($_.Length -gt $span.Start) { $_.Substring($span.Start, [Math]::Min($span.Length, $_.Length - $span.Start)).Trim() } else { '' } })
            @($cells | Where-Object { $_ }).Count | Should -BeGreaterThan 0 -Because "column '$($table.Header.Substring($span.Start, [Math]::Min($span.Length, $table.Header.Length - $span.Start)).Trim())' of $_ should show something"
        }
    }

    It 'the user table shows the whole personality id' {
        $user = $script:samples['PortalUser'].Objects[0]
        (Get-Table80 $user).Rows[0] | Should -BeLike "*$($user.PersonalityId)*"
    }

    It 'Format-List shows what the table leaves out' {
        $text = Get-PortalUser -First 1 | Format-List | Out-String -Width 80
        foreach ($property in 'Confirmed', 'StatusReason', 'UserTypeId', 'PortalName', 'InvitedTime') { $text | Should -Match "(?m)^$property\s+:" }
        $text = Get-PortalUserType -Name Customers | Format-List | Out-String -Width 80
        foreach ($property in 'PortalName', 'Users', 'Modules', 'CreatedTime') { $text | Should -Match "(?m)^$property\s+:" }
    }
}
