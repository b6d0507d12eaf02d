# A person signs in with a device code: Connect-ZohoPortal -UseDeviceCode shows the verification
# URL and user code on the host, and waits while the test (playing the person) approves, denies or
# lets the code expire on the emulator's verification page. Then the portal is read twice; the
# test expires the access token in between, so the second read needs a renewal without asking again.
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE

$secret = ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force
$output = Connect-ZohoPortal -UseDeviceCode -ClientId $env:ZOHO_CLIENT_ID -ClientSecret $secret `
    -ApiBaseUrl $env:ZOHO_API_BASE_URL -AccountsBaseUrl $env:ZOHO_ACCOUNTS_BASE_URL -InformationVariable shown
"Output objects: $(@($output).Count)"
"Information records tagged ZohoPortal.DeviceCode: $(@($shown | Where-Object { $_.Tags -contains 'ZohoPortal.DeviceCode' }).Count)"
$connection = Get-ZohoPortalConnection
"Connected: $($connection.AuthType) $($connection.ClientId)"
$connection | Format-List | Out-String -Width 80
"Portal: $((Get-Portal).Name)"
"Portal again: $((Get-Portal).Name)"
Disconnect-ZohoPortal
'Disconnected'
