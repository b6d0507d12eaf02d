@{
    RootModule           = 'ZohoPortal.Emulator.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '0b8e4c1d-7a52-4f3e-b9d6-2c41e8a7f305'
    Author               = 'ZohoPortal contributors'
    CompanyName          = 'ZohoPortal'
    Copyright            = '(c) ZohoPortal contributors. All rights reserved.'
    Description          = 'An emulated Zoho CRM org (portal API and OAuth token endpoint) for trying ZohoPortal and testing scripts offline: in-process or served on loopback, with faults, throttling and a request log.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @(
        'Formats/ZohoPortal.Emulator.Format.ps1xml'
    )
    TypesToProcess       = @(
        'Types/ZohoPortal.Emulator.Types.ps1xml'
    )
    CmdletsToExport      = @(
        'New-ZohoPortalEmulator'
        'Start-ZohoPortalEmulator'
        'Stop-ZohoPortalEmulator'
        'Get-ZohoPortalEmulator'
        'Set-ZohoPortalEmulator'
        'Add-ZohoPortalEmulatorFault'
        'Get-ZohoPortalEmulatorRequest'
        'Clear-ZohoPortalEmulatorRequest'
        'Get-ZohoPortalEmulatorRecord'
        'Add-ZohoPortalEmulatorRecord'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Zoho', 'ZohoCRM', 'Portal', 'Emulator', 'Testing', 'Pester')
            ProjectUri   = 'https://example.invalid/zohoportal'
            ReleaseNotes = 'The emulator as a module of its own, loaded on demand by Connect-ZohoPortal -Emulator.'
        }
    }
}
