# Dot-sourced first by every runbook: strict errors, the staged module, a connection made from the
# runbook's secrets (here environment variables set by the test), and the confirmation style
# the runbook was started with ($confirm, splatted onto each change).
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE

$clientSecret = ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force
$refreshToken = ConvertTo-SecureString $env:ZOHO_REFRESH_TOKEN -AsPlainText -Force
Connect-ZohoPortal -ClientId $env:ZOHO_CLIENT_ID -ClientSecret $clientSecret -RefreshToken $refreshToken `
    -ApiBaseUrl $env:ZOHO_API_BASE_URL -AccountsBaseUrl $env:ZOHO_ACCOUNTS_BASE_URL

$confirm = @{}
switch ($Confirmation) {
    'ConfirmFalse'   { $confirm.Confirm = $false }
    'Force'          { $confirm.Force = $true }
    'PreferenceNone' { $ConfirmPreference = 'None' }
}
