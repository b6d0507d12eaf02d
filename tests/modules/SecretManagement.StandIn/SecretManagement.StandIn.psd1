@{
    RootModule        = 'SecretManagement.StandIn.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '5b0c8a3e-3f0e-4d4c-9a51-7b2f0f5e2c11'
    Author            = 'ZohoPortal tests'
    Description       = 'A test double shaped like Microsoft.PowerShell.SecretManagement (Get-Secret, Set-Secret), for ZohoPortal tests only. Stores secrets in a file named by $env:ZOHOPORTAL_STANDIN_VAULT: NOT a secure store.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-Secret', 'Set-Secret', 'Get-SecretVault')
    CmdletsToExport   = @()
    AliasesToExport   = @()
}
