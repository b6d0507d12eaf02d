# A script of the kind the guide (docs/testing-your-scripts.md) tests: it moves the confirmed,
# active users of one user type to another, and says how many it moved.
function Move-ConfirmedCustomer {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [string] $From = 'Customers',
        [Parameter(Mandatory)] [string] $To
    )
    $moved = @(Get-PortalUser -UserType $From -Status ActiveConfirmed |
        Move-PortalUser -Destination $To -PassThru -WhatIf:$WhatIfPreference)
    "Moved $($moved.Count) users from $From to $To."
}
