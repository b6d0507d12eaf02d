using System;
using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Starts an emulated Zoho CRM org served on a loopback HTTP port.</para>
    /// <para type="description">Start-ZohoPortalEmulator serves an emulated Zoho CRM org (the portal API and the OAuth token endpoint) on http://127.0.0.1:PORT/ (http://localhost:PORT/ on Windows), so any HTTP client can use it: the ZohoPortal module, Invoke-RestMethod scripts, curl or another SDK. It returns the emulator with its base URL and the demo client's id, secret and refresh token; pipe it into Connect-ZohoPortal to connect over real HTTP with the real token flow.</para>
    /// <para type="description">The org is seeded with a portal (ZylkerAutos), two user types (Customers, the default, and Partners), portal users and CRM contacts to invite; the sizes are parameters. It enforces Zoho's rules (one portal per org, five user types, batch limits, the invitation lifecycle, the concurrency limit, the token minting limit). Every behaviour option is a parameter here and can be changed later with Set-ZohoPortalEmulator; faults are scheduled with Add-ZohoPortalEmulatorFault.</para>
    /// <para type="description">For tests in one process, New-ZohoPortalEmulator makes the same org without a socket.</para>
    /// </summary>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator
    /// $emu | Connect-ZohoPortal
    /// Get-Portal</code>
    /// <para>Starts an emulator on a free port and connects to it over HTTP.</para>
    /// </example>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator -Port 8089 -UsersPerUserType 2000 -ConcurrencyLimit 5
    /// $emu | Add-ZohoPortalEmulatorFault -Kind TooManyRequests -Count 3</code>
    /// <para>Starts a larger org on port 8089 that allows 5 concurrent calls, and makes its next three API calls answer 429.</para>
    /// </example>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator -AccessTokenLifetimeSeconds 5 -JobDelayMilliseconds 0
    /// Invoke-RestMethod -Method Post "$($emu.BaseUrl)oauth/v2/token?grant_type=refresh_token&amp;client_id=$($emu.ClientId)&amp;client_secret=emulator-demo-client-secret&amp;refresh_token=$([pscredential]::new('x', $emu.RefreshToken).GetNetworkCredential().Password)"</code>
    /// <para>Starts an org whose access tokens last five seconds and whose invite jobs complete at once, then asks its token endpoint for an access token as any OAuth client would.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Start, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class StartZohoPortalEmulatorCmdlet : EmulatorFactoryCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The loopback port; 0 (default) picks any free port.</para></summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (!ShouldProcess("loopback port " + (Port == 0 ? "(any free port)" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Start Zoho portal emulator")) return;
            var emulator = CreateEmulator();
            EmulatorServer server;
            try
            {
                server = EmulatorServer.Start(emulator, Port);
            }
            catch (InvalidOperationException e)
            {
                Fail("EmulatorStartFailed", ErrorCategory.ResourceUnavailable, e.Message, Port, "Choose another -Port, or 0 for any free port.");
                return;
            }
            var instance = new EmulatorInstance(emulator, server, CurrentRunspaceId());
            EmulatorRegistry.Add(instance);
            WriteObject(instance);
        }

        #endregion
    }
}
