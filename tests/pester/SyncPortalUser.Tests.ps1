#Requires -Version 5.1
<#
    Sync-PortalUser in real pwsh, as an administrator uses it: membership from a CSV file
    (Export-Csv / Import-Csv), a 1,000-row file with the request log counting every call, -WhatIf,
    filtering the plan before applying it, and the views at 80 columns.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1')) -Force
    if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
    $ProgressPreference = 'SilentlyContinue'

    function New-TestOrg([int] $UsersPerUserType = 6, [int] $ContactCount = 10) {
        $script:connection = New-ZohoPortalEmulator -UsersPerUserType $UsersPerUserType -ContactCount $ContactCount -JobDelayMilliseconds 0 | Connect-ZohoPortal -PassThru
    }
    function Get-Log { @($script:connection.Emulator.RequestLog.Entries | Where-Object { $_.Path -like '/crm/*' }) }
    function Clear-Log { $script:connection.Emulator.RequestLog.Clear() }
    function Get-Changes { @(Get-Log | Where-Object Method -ne 'GET') }

    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("zp-sync-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:dir | Out-Null
}

AfterAll {
    Disconnect-ZohoPortal
    Remove-Item -Recurse -Force $script:dir -ErrorAction SilentlyContinue
}

Describe 'Membership from a CSV file' {
    BeforeEach { New-TestOrg }

    It 'a file exported from the portal describes it: the plan is all Unchanged and applying it sends nothing' {
        $csv = Join-Path $script:dir 'members.csv'
        Get-PortalUser | Export-Csv -Path $csv -NoTypeInformation
        Clear-Log

        $plan = @(Import-Csv $csv | Sync-PortalUser -Absent Remove -PlanOnly)
        $plan | Should -HaveCount 12
        $plan.Action | Sort-Object -Unique | Should -Be 'Unchanged'

        $results = @(Import-Csv $csv | Sync-PortalUser -Absent Remove -Confirm:$false)
        $results | Should -HaveCount 12
        $results.Outcome | Sort-Object -Unique | Should -Be 'Unchanged'
        Get-Changes | Should -HaveCount 0
    }

    It 'an edited UserTypeName column with the old UserTypeId still in the file is refused, naming both' {
        $csv = Join-Path $script:dir 'edited.csv'
        $rows = @(Get-PortalUser -UserType Customers -First 1 | Select-Object PersonalityId, Email, UserTypeId, UserTypeName)
        $rows[0].UserTypeName = 'Partners'
        $rows | Export-Csv -Path $csv -NoTypeInformation
        Clear-Log

        $caught = $null
        try { Import-Csv $csv | Sync-PortalUser -PlanOnly -ErrorAction SilentlyContinue -ErrorVariable rowErrors } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'SyncRefused,*'
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'SyncUserTypeMismatch,*'
        "$($rowErrors[0])" | Should -BeLike "*is 'Customers' but the name given is 'Partners'*"
        Get-Changes | Should -HaveCount 0
    }

    It 'the plan round-trips through a variable: filtered, only what is left is sent' {
        $keep = @(Get-PortalUser | Where-Object UserTypeName -eq 'Customers')
        $rows = @($keep | ForEach-Object { [pscustomobject]@{ Email = $_.Email; UserType = 'Partners' } })
        $plan = @($rows | Sync-PortalUser -Absent Remove -PlanOnly)
        ($plan | Where-Object Action -eq 'Move') | Should -HaveCount 6
        ($plan | Where-Object Action -eq 'Remove') | Should -HaveCount 6
        Clear-Log

        $results = @($plan | Where-Object Action -eq 'Move' | Select-Object -First 2 | Sync-PortalUser)
        $results | Should -HaveCount 2
        $results.Outcome | Sort-Object -Unique | Should -Be 'Done'
        $changes = Get-Changes
        $changes | Should -HaveCount 1
        $changes[0].Path | Should -BeLike '*/users/action/transfer'
        @(Get-PortalUser -UserType Partners).Count | Should -Be 8
        @(Get-PortalUser).Count | Should -Be 12
    }

    It 'a plan saved with Export-Clixml is applied later as saved, without reading the portal again' {
        $rows = @(Get-PortalUser -UserType Customers | ForEach-Object { [pscustomobject]@{ RecordId = $_.PersonalityId; UserType = 'Partners' } })
        $saved = Join-Path $script:dir 'plan.xml'
        $rows | Sync-PortalUser -PlanOnly | Export-Clixml -Path $saved
        Clear-Log

        $results = @(Import-Clixml $saved | Sync-PortalUser)
        ($results | Where-Object Action -eq 'Move').Outcome | Sort-Object -Unique | Should -Be 'Done'
        ($results | Where-Object Action -eq 'Move') | Should -HaveCount 6
        @(Get-Log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/users' }) | Should -HaveCount 0
        Get-Changes | Should -HaveCount 1
        @(Get-PortalUser -UserType Partners).Count | Should -Be 12
    }

    It '-WhatIf prints one line per operation with its requests, outputs nothing and sends nothing' {
        $users = @(Get-PortalUser)
        $rows = @($users | Select-Object -Skip 1 | ForEach-Object { [pscustomobject]@{ RecordId = $_.PersonalityId; UserType = 'Partners' } })
        Clear-Log
        $transcript = Join-Path $script:dir 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $out = @($rows | Sync-PortalUser -Absent Remove -WhatIf) } finally { Stop-Transcript | Out-Null }

        $out | Should -HaveCount 0
        $whatIf = @(Get-Content $transcript | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 2
        $whatIf[0] | Should -BeLike '*"Move (POST /settings/portals/ZylkerAutos/user_type/*/users/action/transfer?transfer_To=*1 call of at most 200 users)" on target "5 users of portal*'
        $whatIf[1] | Should -BeLike '*"Remove (DELETE /settings/portals/ZylkerAutos/user_type/*/users?personality_ids=..., 1 call of at most 499 users)" on target "1 user of*'
        Get-Changes | Should -HaveCount 0
    }

    It 'shows plans and results at 80 columns with their key columns' {
        $rows = @(Get-PortalUser | ForEach-Object { [pscustomobject]@{ Email = $_.Email; UserType = 'Customers' } })
        foreach ($objects in @(@($rows | Sync-PortalUser -PlanOnly), @($rows | Sync-PortalUser))) {
            $lines = @(($objects | Format-Table | Out-String -Width 80) -split "\r?\n" | Where-Object { $_.Trim() })
            foreach ($key in 'Action', 'Who', 'UserType') { ($lines[0] -split '\s+') | Should -Contain $key }
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            $lines.Count | Should -Be ($objects.Count + 2)
        }
    }
}

Describe 'A 1,000-row membership file' {
    BeforeAll {
        New-TestOrg -UsersPerUserType 400 -ContactCount 320
        $users = @(Get-PortalUser)
        $absent = @($users | Where-Object { $_.Confirmed -and $_.Active } | Select-Object -Last 100)
        $absentIds = @{}; $absent | ForEach-Object { $absentIds[$_.PersonalityId] = $true }
        $listed = @($users | Where-Object { -not $absentIds[$_.PersonalityId] })
        $toPartners = @($listed | Where-Object UserTypeName -eq 'Customers' | Select-Object -First 120)
        $toCustomers = @($listed | Where-Object UserTypeName -eq 'Partners' | Select-Object -First 80)
        $moving = @{}; $toPartners | ForEach-Object { $moving[$_.PersonalityId] = 'Partners' }; $toCustomers | ForEach-Object { $moving[$_.PersonalityId] = 'Customers' }
        $contacts = @($script:connection.Emulator.Org.GetRecords('Contacts') | Where-Object { $_.Email -and -not $_.IsPortalUser } | Select-Object -First 300)

        $script:csv = Join-Path $script:dir 'thousand.csv'
        @(
            $contacts | ForEach-Object { [pscustomobject]@{ RecordId = $_.Id; Email = $_.Email; UserType = 'Customers' } }
            $listed | ForEach-Object { [pscustomobject]@{ RecordId = ''; Email = $_.Email; UserType = $(if ($moving[$_.PersonalityId]) { $moving[$_.PersonalityId] } else { $_.UserTypeName }) } }
        ) | Export-Csv -Path $script:csv -NoTypeInformation
        $script:absent = $absent
    }

    It 'makes the API-minimum calls of each kind, and run again changes nothing' {
        @(Import-Csv $script:csv).Count | Should -Be 1000
        Clear-Log
        $results = @(Import-Csv $script:csv | Sync-PortalUser -Absent Disable -Force)

        $results | Should -HaveCount 1100
        @($results | Where-Object { -not $_.IsSuccess }) | Should -HaveCount 0
        ($results | Group-Object Action -NoElement | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' ' |
            Should -Be 'Disable=100 Invite=300 Move=200 Unchanged=500'
        $log = Get-Log
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/user_type' }) | Should -HaveCount 1
        # 400 users per type at 200 per page.
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/users' }) | Should -HaveCount 4
        @($log | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/users/action/transfer' }) | Should -HaveCount 2
        @($log | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/Contacts/actions/portal_invite' }) | Should -HaveCount 3
        # Job reads: the list read once before sending (jobs of an earlier run; the jobs a lost answer is not matched with), and one wait round listing all three jobs.
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/Contacts/actions/portal_invite' -and $_.Query -like '*job_id=*' }) | Should -HaveCount 0
        @($log | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/Contacts/actions/portal_invite' -and $_.Query -notlike '*job_id=*' }) | Should -HaveCount 2
        @($log | Where-Object { $_.Method -eq 'PUT' -and $_.Path -like '*/actions/change_status' }) | Should -HaveCount 100
        Get-Changes | Should -HaveCount 105
        @($script:absent | Get-PortalUser | Where-Object Active) | Should -HaveCount 0

        Clear-Log
        $again = @(Import-Csv $script:csv | Sync-PortalUser -Absent Disable -Force)
        $again.Outcome | Sort-Object -Unique | Should -Be 'Unchanged'
        Get-Changes | Should -HaveCount 0
    }
}
