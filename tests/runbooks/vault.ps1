# Keeping a refresh token in a SecretManagement vault (here the tests' stand-in module).
#   -Mode Store  an administrator signs in once with a device code; Connect-ZohoPortal stores the
#                refresh token Zoho issued in the vault and also hands it back in a variable
#   -Mode Read   a later runbook connects from the vault alone: no secret in its text, no -AsPlainText
#   -Mode NoModule  the same as Read where no vault module is installed: a clear error, no request
param([string] $Mode = 'Read')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE
$endpoints = @{ ApiBaseUrl = $env:ZOHO_API_BASE_URL; AccountsBaseUrl = $env:ZOHO_ACCOUNTS_BASE_URL }

if ($Mode -eq 'Store') {
    # Done once by the administrator: the client id and secret go into the vault as a PSCredential.
    $client = [pscredential]::new($env:ZOHO_CLIENT_ID, (ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force))
    Set-Secret -Name ZohoDeviceClient -Secret $client -Vault Automation
    Connect-ZohoPortal -UseDeviceCode -ClientCredential (Get-Secret ZohoDeviceClient -Vault Automation) `
        -SaveRefreshTokenAs ZohoRefreshToken -Vault Automation -RefreshTokenVariable kept @endpoints
    "Kept as SecureString: $($kept -is [securestring])"
    "Stored: $((Get-Secret ZohoRefreshToken -Vault Automation) -is [securestring])"
} else {
    Connect-ZohoPortal -ClientCredentialSecretName ZohoDeviceClient -RefreshTokenSecretName ZohoRefreshToken -Vault Automation @endpoints
}
"Connected: $((Get-ZohoPortalConnection).AuthType)"
"Portal: $((Get-Portal).Name)"
Disconnect-ZohoPortal
'Disconnected'
