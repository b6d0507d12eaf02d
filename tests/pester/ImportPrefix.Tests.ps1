#Requires -Version 5.1
<#
    Import-Module -Prefix renames every command; help and the pipes between them keep working.
    Runs in a runspace of its own so that the prefixed import does not touch the other files'.
#>

Describe 'Import-Module -Prefix' {
    It 'gives prefixed commands with full help, and a piped user is still that user' {
        $manifest = [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal', 'ZohoPortal.psd1')
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Manifest, $Emulator)
                $ProgressPreference = 'SilentlyContinue'
                Import-Module $Manifest -Prefix Zp -Force
                Import-Module $Emulator -Force
                $help = Get-Help Get-ZpPortalUser -Full
                $c = New-ZohoPortalEmulator -UsersPerUserType 2 | Connect-ZpZohoPortal -PassThru
                $one = Get-ZpPortalUser -First 1
                $one | Get-ZpPortalUser | Remove-ZpPortalUser -Force
                [pscustomobject]@{
                    Commands = @(Get-Command -Module ZohoPortal | ForEach-Object Name)
                    Synopsis = $help.Synopsis
                    Examples = @($help.Examples.Example).Count
                    Left     = @(Get-ZpPortalUser | ForEach-Object PersonalityId)
                    Removed  = $one.PersonalityId
                }
            }).AddArgument($manifest).AddArgument([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ZohoPortal.Emulator', 'ZohoPortal.Emulator.psd1'))
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -HaveCount 0
        }
        finally { $ps.Dispose() }

        $result | Should -HaveCount 1
        $result[0].Commands | Should -Contain 'Get-ZpPortalUser'
        $result[0].Commands | Should -Not -Contain 'Get-PortalUser'
        $result[0].Synopsis | Should -Not -BeNullOrEmpty
        # Without the MAML help, Get-Help makes the synopsis up from the syntax line.
        $result[0].Synopsis | Should -Not -Match '^\s*Get-ZpPortalUser'
        $result[0].Examples | Should -BeGreaterOrEqual 2
        $result[0].Left | Should -HaveCount 3
        $result[0].Left | Should -Not -Contain $result[0].Removed
    }
}
