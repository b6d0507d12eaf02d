# The naive loop a script writer would start from: Invoke-RestMethod, one request at a time,
# one request per user. Lists the user types, reads pages until it has $Count users (or takes
# the ids given), then sends one transfer / status change / delete / invite per user.
param(
    [Parameter(Mandatory)][string] $Workload,
    [int] $Count,
    [string] $IdsPath
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$root = $env:ZOHO_API_BASE_URL.TrimEnd('/')
$api = "$root/crm/v8"
$portal = $env:BENCH_PORTAL
$tokenUrl = "$($env:ZOHO_ACCOUNTS_BASE_URL.TrimEnd('/'))/oauth/v2/token?grant_type=refresh_token" +
    "&client_id=$([uri]::EscapeDataString($env:ZOHO_CLIENT_ID))&client_secret=$([uri]::EscapeDataString($env:ZOHO_CLIENT_SECRET))" +
    "&refresh_token=$([uri]::EscapeDataString($env:ZOHO_REFRESH_TOKEN))"
$headers = @{ Authorization = 'Zoho-oauthtoken ' + (Invoke-RestMethod -Method Post -Uri $tokenUrl).access_token }
$given = if ($IdsPath) { [string[]](Get-Content $IdsPath) } else { @() }
# Warm-up: one harmless call, so the first measured request is not Invoke-RestMethod's JIT.
$null = Invoke-RestMethod -Uri "$api/settings/portals" -Headers $headers

[Console]::Out.WriteLine('READY'); [Console]::Out.Flush()
$null = [Console]::In.ReadLine()

$sw = [Diagnostics.Stopwatch]::StartNew()
$types = (Invoke-RestMethod -Uri "$api/settings/portals/$portal/user_type" -Headers $headers).user_type
$from = ($types | Where-Object name -eq 'Customers').id
$to = ($types | Where-Object name -eq 'Partners').id

$ids = [System.Collections.Generic.List[string]]::new()
$pages = 0
if ($Workload -in 'Move', 'Disable', 'Delete') {
    $filter = if ($Workload -eq 'Disable') { 'ActiveConfirmedUsers' } else { 'AllUsers' }
    $page = 1
    do {
        $answer = Invoke-RestMethod -Uri "$api/settings/portals/$portal/user_type/$from/users?type=$filter&page=$page&per_page=200" -Headers $headers
        $pages++
        foreach ($u in $answer.users) { if ($ids.Count -lt $Count) { $ids.Add($u.personality_id) } }
        $page++
    } while ($answer.info.more_records -and $ids.Count -lt $Count)
} else {
    $ids.AddRange([string[]]($given | Select-Object -First $Count))
}
$listMs = $sw.Elapsed.TotalMilliseconds

foreach ($id in $ids) {
    switch ($Workload) {
        { $_ -in 'Move', 'Loop' } { $null = Invoke-RestMethod -Method Post -Uri "$api/settings/portals/$portal/user_type/$from/users/action/transfer?transfer_To=$to&personality_ids=$id" -Headers $headers }
        'Disable' { $null = Invoke-RestMethod -Method Put -Uri "$api/settings/portals/$portal/user_type/$from/users/$id/actions/change_status?active=false" -Headers $headers }
        'Delete'  { $null = Invoke-RestMethod -Method Delete -Uri "$api/settings/portals/$portal/user_type/$from/users?personality_ids=$id" -Headers $headers }
        'Invite'  { $null = Invoke-RestMethod -Method Post -Uri "$api/Contacts/$id/actions/portal_invite?user_type_id=$from&type=invite" -Headers $headers }
    }
}
$sw.Stop()
[Console]::Out.WriteLine('RESULT ' + (@{ WallMs = $sw.Elapsed.TotalMilliseconds; ListMs = $listMs; Pages = $pages; Objects = $ids.Count } | ConvertTo-Json -Compress))
