@{
    RootModule           = 'ZohoPortal.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f7a53-2f38-4c7e-9a61-0c6a3e1b9f42'
    Author               = 'ZohoPortal contributors'
    CompanyName          = 'ZohoPortal'
    Copyright            = '(c) ZohoPortal contributors. All rights reserved.'
    Description          = 'Administer Zoho CRM client portals: portals, user types, portal users, invitations and bulk-invite jobs. Connect-ZohoPortal -Emulator works offline with the companion module ZohoPortal.Emulator.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @(
        'Formats/ZohoPortal.Format.ps1xml'
        'Formats/ZohoPortal.UserTypes.Format.ps1xml'
        'Formats/ZohoPortal.Users.Format.ps1xml'
        'Formats/ZohoPortal.Invitations.Format.ps1xml'
        'Formats/ZohoPortal.Configuration.Format.ps1xml'
        'Formats/ZohoPortal.Membership.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Connect-ZohoPortal'
        'Disconnect-ZohoPortal'
        'Get-ZohoPortalConnection'
        'Get-Portal'
        'New-Portal'
        'Set-Portal'
        'Remove-Portal'
        'Get-PortalUserType'
        'New-PortalUserType'
        'Set-PortalUserType'
        'Remove-PortalUserType'
        'New-PortalUserTypeModule'
        'Get-PortalModuleMeta'
        'Get-PortalUser'
        'Move-PortalUser'
        'Enable-PortalUser'
        'Disable-PortalUser'
        'Remove-PortalUser'
        'Invoke-ZohoCrmRequest'
        'Send-PortalInvite'
        'Get-PortalInviteJob'
        'Wait-PortalInviteJob'
        'Export-PortalConfiguration'
        'Compare-PortalConfiguration'
        'Import-PortalConfiguration'
        'Sync-PortalUser'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Zoho', 'ZohoCRM', 'Portal', 'ClientPortal', 'REST')
            ProjectUri   = 'https://example.invalid/zohoportal'
            ReleaseNotes = 'First release: connection, portals, emulator.'
        }
    }
}
