# A runbook connected to an org over HTTP, as to Zoho: first with the refresh token of its
# secrets, then with an access token ('x', which the org refuses). Lists the assemblies loaded
# afterwards: a connection that is not -Emulator must bring no emulator code into the process.
param([string] $Confirmation = 'Ask')
trap { [Console]::Error.WriteLine("FAILED $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $_ | $($_.ErrorDetails.RecommendedAction)"); exit 1 }
. $PSScriptRoot/RunbookSetup.ps1

"Portal: $((Get-Portal).Name)"
Disconnect-ZohoPortal

Connect-ZohoPortal -AccessToken (ConvertTo-SecureString 'x' -AsPlainText -Force) -ApiBaseUrl $env:ZOHO_API_BASE_URL -MaxRetries 0
try { $null = Get-Portal -ErrorAction Stop } catch { "Access token x: $($_.FullyQualifiedErrorId.Split(',')[0])" }
Disconnect-ZohoPortal

"Emulator modules loaded: $(@(Get-Module ZohoPortal.Emulator).Count)"
[AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { "Assembly: $($_.GetName().Name)" }
