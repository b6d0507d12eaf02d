using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes how a running emulator behaves.</para>
    /// <para type="description">Set-ZohoPortalEmulator changes the options given, and only those, on the emulator piped in (or -InputObject), else on the one behind the current connection: invite-job delay, access-token lifetime, token minting limit, concurrency limit, Retry-After on throttled answers, latency and sandbox mode. The change applies to the next request. Tokens already issued keep their expiry; use -ExpireAccessTokens to end them now.</para>
    /// </summary>
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator
    /// Set-ZohoPortalEmulator -JobDelayMilliseconds 0</code>
    /// <para>Makes bulk-invite jobs complete at once, so Send-PortalInvite -Wait returns without waiting.</para>
    /// </example>
    /// <example>
    /// <code>Set-ZohoPortalEmulator -ConcurrencyLimit 2 -RetryAfterSeconds 1 -LatencyMilliseconds 100</code>
    /// <para>Throttles above two concurrent calls, with Retry-After: 1 on every 429, and makes each call take 100 ms so the limit is reached.</para>
    /// </example>
    /// <example>
    /// <code>Set-ZohoPortalEmulator -AccessTokenLifetimeSeconds 60 -ExpireAccessTokens</code>
    /// <para>Ends every access token issued so far and gives new ones one minute; the connection renews its token on the next call.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class SetZohoPortalEmulatorCmdlet : EmulatorBehaviourCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The emulator to change (New- or Start-ZohoPortalEmulator, or Get-ZohoPortalEmulator). Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        /// <summary><para type="description">Makes every access token issued so far expire now; the next API call meets 401 INVALID_TOKEN and the client renews its token.</para></summary>
        [Parameter]
        public SwitchParameter ExpireAccessTokens { get; set; }

        /// <summary><para type="description">Returns the emulator after the change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var instance = Resolve(InputObject);
            if (!ShouldProcess(instance.BaseUrl.ToString(), "Change the emulator's options")) return;
            ApplyBehaviour(instance.Options, onlyGiven: true);
            if (ExpireAccessTokens) instance.Emulator.ExpireAccessTokens();
            if (PassThru) WriteObject(instance);
        }

        #endregion
    }
}
