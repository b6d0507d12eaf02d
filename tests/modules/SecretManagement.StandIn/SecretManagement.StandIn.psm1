# A stand-in for Microsoft.PowerShell.SecretManagement in tests: the same command names and the
# parameters ZohoPortal uses, secrets kept in a JSON file so a second pwsh process reads what the
# first stored. Vaults are names in that file; 'Default' when -Vault is not given. It exists to
# prove how ZohoPortal calls a vault module, and is not a secure store.

function Read-StandInStore {
    if (-not $env:ZOHOPORTAL_STANDIN_VAULT) { throw 'ZOHOPORTAL_STANDIN_VAULT is not set.' }
    if (-not (Test-Path -LiteralPath $env:ZOHOPORTAL_STANDIN_VAULT)) { return @{} }
    $store = @{}
    foreach ($entry in (Get-Content -LiteralPath $env:ZOHOPORTAL_STANDIN_VAULT -Raw | ConvertFrom-Json)) {
        $store["$($entry.Vault)/$($entry.Name)"] = $entry
    }
    $store
}

function Write-StandInStore([hashtable] $Store) {
    ConvertTo-Json -InputObject @($Store.Values) -Depth 4 | Set-Content -LiteralPath $env:ZOHOPORTAL_STANDIN_VAULT
}

function Get-SecretVault {
    [CmdletBinding()]
    param()
    [pscustomobject]@{ Name = 'Default'; ModuleName = 'SecretManagement.StandIn'; IsDefault = $true }
}

function Get-Secret {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [string] $Vault = 'Default',
        [switch] $AsPlainText
    )
    $entry = (Read-StandInStore)["$Vault/$Name"]
    if (-not $entry) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found."),
            'GetSecretNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name))
    }
    $value = ConvertTo-SecureString $entry.Value -AsPlainText -Force
    if ($entry.Type -eq 'PSCredential') { return [pscredential]::new($entry.UserName, $value) }
    if ($AsPlainText) { return $entry.Value }
    $value
}

function Set-Secret {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Mandatory)] [object] $Secret,
        [string] $Vault = 'Default'
    )
    $store = Read-StandInStore
    $entry = switch ($Secret) {
        { $_ -is [pscredential] } { @{ Vault = $Vault; Name = $Name; Type = 'PSCredential'; UserName = $_.UserName; Value = $_.GetNetworkCredential().Password } }
        { $_ -is [securestring] } { @{ Vault = $Vault; Name = $Name; Type = 'SecureString'; Value = [pscredential]::new('x', $_).GetNetworkCredential().Password } }
        default { @{ Vault = $Vault; Name = $Name; Type = 'String'; Value = "$_" } }
    }
    $store["$Vault/$Name"] = [pscustomobject]$entry
    Write-StandInStore $store
}

Export-ModuleMember -Function Get-Secret, Set-Secret, Get-SecretVault
