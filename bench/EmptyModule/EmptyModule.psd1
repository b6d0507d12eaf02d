# A manifest like ZohoPortal's, so the comparison includes reading one.
@{
    RootModule        = 'EmptyModule.dll'
    ModuleVersion     = '0.1.0'
    GUID              = '6c1f7a52-3d0e-4b8e-9a51-2f7e0c4d9b13'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-Nothing')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
