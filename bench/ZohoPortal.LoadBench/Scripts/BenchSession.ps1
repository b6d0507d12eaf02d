# Dot-sourced by the ZohoPortal workload scripts: the staged module, a warm-up against an
# in-process emulated org (so the measured run is not JIT compilation), then a fresh connection
# to the loopback org the way a runbook connects, and the harness's go-ahead on stdin.
param()
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE

function Connect-BenchOrg {
    $clientSecret = ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force
    $refreshToken = ConvertTo-SecureString $env:ZOHO_REFRESH_TOKEN -AsPlainText -Force
    Connect-ZohoPortal -ClientId $env:ZOHO_CLIENT_ID -ClientSecret $clientSecret -RefreshToken $refreshToken `
        -ApiBaseUrl $env:ZOHO_API_BASE_URL -AccountsBaseUrl $env:ZOHO_ACCOUNTS_BASE_URL -MaxConcurrency ([int]$env:BENCH_MAX_CONCURRENCY)
}

function Wait-BenchStart {
    [Console]::Out.WriteLine('READY')
    [Console]::Out.Flush()
    $null = [Console]::In.ReadLine()
}

function Write-BenchResult([hashtable] $Result) {
    [Console]::Out.WriteLine('RESULT ' + ($Result | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}
