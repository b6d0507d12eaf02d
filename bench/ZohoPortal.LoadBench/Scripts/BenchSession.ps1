# Dot-sourced by the workload scripts: the staged module, connections the way a runbook connects
# (to the measured loopback org, or to the harness's warm-up org), and the harness's go-ahead on stdin.
param()
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:ZOHOPORTAL_MODULE

function Connect-BenchOrg([switch] $Warmup) {
    # The warm-up org (no latency) or the measured one, both on loopback.
    $prefix = if ($Warmup) { 'BENCH_WARMUP_' } else { 'ZOHO_' }
    $clientSecret = ConvertTo-SecureString $env:ZOHO_CLIENT_SECRET -AsPlainText -Force
    $refreshToken = ConvertTo-SecureString ([Environment]::GetEnvironmentVariable($prefix + 'REFRESH_TOKEN')) -AsPlainText -Force
    $url = [Environment]::GetEnvironmentVariable($prefix + 'API_BASE_URL')
    Connect-ZohoPortal -ClientId $env:ZOHO_CLIENT_ID -ClientSecret $clientSecret -RefreshToken $refreshToken `
        -ApiBaseUrl $url -AccountsBaseUrl $url -MaxConcurrency ([int]$env:BENCH_MAX_CONCURRENCY)
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
