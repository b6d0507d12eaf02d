#Requires -Version 5.1
<#
    Pester 5 suite for the staged module (out/ZohoPortal). Build first (dotnet build, or
    ./build.ps1), then run ./build.ps1 -Task Test, or:

        Invoke-Pester ./tests/ZohoPortal.Tests.ps1 -Output Detailed

    Everything runs against the module's emulator: no Zoho account and no network beyond
    loopback. Describe blocks that need an org of their own connect to a fresh emulator and pass
    that connection explicitly with -Connection.
#>

BeforeDiscovery {
    # The help tests are generated per exported command, so the module is needed at discovery too.
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
    $exportedCommands = @(Get-Command -Module ZohoPortal | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
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
        $second = Connect-ZohoPortal -Emulator -EmptyOrg -PassThru

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

    It 'New-Portal rejects a short name before sending any request' {
        $empty = Connect-ZohoPortal -Emulator -EmptyOrg -PassThru
        $empty.Emulator.RequestLog.Clear()

        New-Portal -Name 'ab' -Connection $empty -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PortalNameLength,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $empty.Emulator.RequestLog.Count | Should -Be 0
    }

    It 'New-Portal reports a name taken elsewhere in Zoho as ALREADY_USED' {
        $empty = Connect-ZohoPortal -Emulator -EmptyOrg -PassThru

        New-Portal -Name 'MyFirstCompany' -Connection $empty -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ALREADY_USED,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $empty.Emulator.Org.PortalName | Should -BeNullOrEmpty
    }

    It 'New-Portal creates the portal of an empty org and returns it' {
        $empty = Connect-ZohoPortal -Emulator -EmptyOrg -PassThru

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
