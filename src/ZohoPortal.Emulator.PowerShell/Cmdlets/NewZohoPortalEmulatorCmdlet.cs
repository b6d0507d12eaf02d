using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates an emulated Zoho CRM org in this process, to connect to without a socket.</para>
    /// <para type="description">New-ZohoPortalEmulator makes an emulated Zoho CRM org (portal API and OAuth token endpoint) that answers in-process, through the returned object's Transport handler. Pipe it into Connect-ZohoPortal: the connection then uses the real token flow and HTTP pipeline (retries, throttling, tracing), with the emulator in place of the network. Connect-ZohoPortal -Emulator does exactly this with the default sizes.</para>
    /// <para type="description">The org starts with a portal (ZylkerAutos), two user types (Customers, the default, and Partners), UsersPerUserType portal users in each and ContactCount CRM contacts to invite. Every behaviour option (job delay, token lifetime, concurrency limit, latency, Retry-After, sandbox) is a parameter, and can be changed later with Set-ZohoPortalEmulator. Keep the object to reach its request log and faults, or find it again with Get-ZohoPortalEmulator.</para>
    /// </summary>
    /// <example>
    /// <code>New-ZohoPortalEmulator -UsersPerUserType 2000 -ContactCount 500 | Connect-ZohoPortal
    /// Get-PortalUser -UserType Customers -Status ActiveConfirmed</code>
    /// <para>Connects to an in-process org with 2,000 portal users per user type and 500 contacts to invite.</para>
    /// </example>
    /// <example>
    /// <code>$emu = New-ZohoPortalEmulator -JobDelayMilliseconds 0 -ConcurrencyLimit 5
    /// $emu | Connect-ZohoPortal
    /// $emu.Org.GetRecords('Contacts') | Send-PortalInvite -UserType Customers -Wait -Force -ErrorAction SilentlyContinue
    /// Get-ZohoPortalEmulatorRequest -Method POST</code>
    /// <para>An org whose invite jobs complete at once and that throttles above five concurrent calls; invites every contact and lists the POST requests that cost.</para>
    /// </example>
    /// <example>
    /// <code>New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal; New-Portal -Name ZylkerAutos -WhatIf</code>
    /// <para>Starts from an org without a portal, to try New-Portal.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class NewZohoPortalEmulatorCmdlet : EmulatorFactoryCmdlet
    {
        #region Overrides

        protected override void ProcessRecord()
        {
            if (!ShouldProcess("this process (in-process, no socket)", "Create an emulated Zoho CRM org")) return;
            var instance = new EmulatorInstance(CreateEmulator(), null, CurrentRunspaceId());
            EmulatorRegistry.Add(instance);
            WriteObject(instance);
        }

        #endregion
    }
}
