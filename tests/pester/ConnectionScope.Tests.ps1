#Requires -Version 5.1
<#
    Pester runs every file of an Invoke-Pester run in one runspace, and ZohoPortal keeps one
    current connection per runspace: a file that connects must disconnect in its AfterAll, or
    the next file sees its org. This file shows the pattern the README and about_ZohoPortal recommend, and that
    it leaves the next block (or file) unconnected.
#>

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')) -Force
}

Describe 'A file that connects in BeforeAll and disconnects in AfterAll' {
    BeforeAll {
        Connect-ZohoPortal -Emulator
    }

    AfterAll {
        Disconnect-ZohoPortal
    }

    It 'uses its own org' {
        Set-Portal -NewName 'ScopeTest1'
        (Get-Portal).Name | Should -Be 'ScopeTest1'
    }
}

Describe 'What runs after it' {
    It 'starts unconnected, so it cannot touch the org renamed above' {
        Get-ZohoPortalConnection | Should -BeNullOrEmpty
        { Get-Portal } | Should -Throw -ErrorId 'NotConnected,*'
    }
}
