# Signs in with a self client's client credentials: a PSCredential (client id as user name, secret
# as password) built from the automation account's secrets, here environment variables.
#   -Mode WithOrg           -ClientCredential -OrganizationId: connect, read, read again after the token expired
#   -Mode WithoutOrg        no -OrganizationId: Zoho's missing_org_info, explained
#   -Mode WithRefreshToken  the PSCredential standing for -ClientId/-ClientSecret beside -RefreshToken
#   -Mode EmptySecret       a PSCredential without a password: refused before any request
#   -Mode Conflict          -ClientId together with -ClientCredential: refused before any request
param([string] $Mode = 'WithOrg')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE

# A CI job's environment secret is plain text already; this is the one conversion it needs.
$secret = if ($Mode -eq 'EmptySecret') { [securestring]::new() } else { ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force }
$client = [pscredential]::new($env:ZOHO_CLIENT_ID, $secret)
$endpoints = @{ ApiBaseUrl = $env:ZOHO_API_BASE_URL; AccountsBaseUrl = $env:ZOHO_ACCOUNTS_BASE_URL }

switch ($Mode) {
    'WithOrg'          { Connect-ZohoPortal -ClientCredential $client -OrganizationId $env:ZOHO_ORG_ID @endpoints }
    'WithoutOrg'       { Connect-ZohoPortal -ClientCredential $client @endpoints }
    'EmptySecret'      { Connect-ZohoPortal -ClientCredential $client -OrganizationId $env:ZOHO_ORG_ID @endpoints }
    'Conflict'         { Connect-ZohoPortal -ClientId $env:ZOHO_CLIENT_ID -ClientCredential $client -OrganizationId $env:ZOHO_ORG_ID @endpoints }
    'WithRefreshToken' {
        $refresh = ConvertTo-SecureString $env:ZOHO_REFRESH_TOKEN -AsPlainText -Force
        Connect-ZohoPortal -ClientCredential $client -RefreshToken $refresh @endpoints
    }
}
$connection = Get-ZohoPortalConnection
"Connected: $($connection.AuthType) $($connection.ClientId)"
$connection | Format-List | Out-String -Width 80
"Portal: $((Get-Portal).Name)"
"Portal again: $((Get-Portal -Verbose 4>&1 | Out-String -Width 200).Length -gt 0)"
Disconnect-ZohoPortal
'Disconnected'
