using System;
using System.Management.Automation;
using ZohoPortal.Emulator;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Emulator
{
    /// <summary>
    /// <para type="synopsis">Starts the Zoho portal emulator on a loopback HTTP port.</para>
    /// <para type="description">Start-ZohoPortalEmulator serves an emulated Zoho CRM org (portal API and OAuth token endpoint) on http://127.0.0.1:PORT/ (http://localhost:PORT/ on Windows), so any HTTP client can use it: this module, Invoke-RestMethod scripts, curl or other SDKs. It returns an object with the base URL and the demo client's id, secret and refresh token; pipe it into Connect-ZohoPortal.</para>
    /// <para type="description">The emulated org is seeded with a portal (ZylkerAutos), two user types (Customers, the default, and Partners), existing portal users and CRM contacts to invite; the sizes are parameters. It enforces Zoho's rules (one portal per org, five user types, batch limits, invitation lifecycle, concurrency limit, token minting limit) and can inject faults through the returned object's Emulator.Faults.</para>
    /// </summary>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator
    /// $emu | Connect-ZohoPortal
    /// Get-Portal</code>
    /// <para>Starts an emulator on a free port and connects to it over HTTP.</para>
    /// </example>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator -Port 8089 -UsersPerUserType 2000 -ConcurrencyLimit 5
    /// $emu.Emulator.Faults.Add('TooManyRequests', 3)</code>
    /// <para>Starts a larger org on port 8089 that allows 5 concurrent calls, and makes the next three API calls answer 429.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Start, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class StartZohoPortalEmulatorCmdlet : ZohoPortalCmdlet
    {
        /// <summary><para type="description">The loopback port; 0 (default) picks any free port.</para></summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary><para type="description">CRM contacts that are not portal users yet (0 to 100,000; default 200).</para></summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int ContactCount { get; set; } = 200;

        /// <summary><para type="description">Existing portal users in each of the two seeded user types (0 to 100,000; default 25).</para></summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int UsersPerUserType { get; set; } = 25;

        /// <summary><para type="description">Start with an org that has no portal.</para></summary>
        [Parameter]
        public SwitchParameter EmptyOrg { get; set; }

        /// <summary><para type="description">Simultaneous API calls the org accepts before answering 429 (default 15, Zoho Professional).</para></summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int ConcurrencyLimit { get; set; } = 15;

        /// <summary><para type="description">Milliseconds a bulk-invite job stays in progress before completing (default 300; 0 completes at once).</para></summary>
        [Parameter]
        [ValidateRange(0, 3600000)]
        public int JobDelayMilliseconds { get; set; } = 300;

        protected override void ProcessRecordCore()
        {
            if (!ShouldProcess("loopback port " + (Port == 0 ? "(any free port)" : Port.ToString()), "Start Zoho portal emulator")) return;
            var emulator = new ZohoEmulator(new EmulatorOptions
            {
                Seed = new EmulatorSeed { ContactCount = ContactCount, UsersPerUserType = UsersPerUserType, PortalName = EmptyOrg ? null : "ZylkerAutos" },
                ConcurrencyLimit = ConcurrencyLimit,
                JobDelay = TimeSpan.FromMilliseconds(JobDelayMilliseconds),
            });
            EmulatorServer server;
            try
            {
                server = EmulatorServer.Start(emulator, Port);
            }
            catch (InvalidOperationException e)
            {
                throw new ZohoPortalCmdletException("EmulatorStartFailed", ErrorCategory.ResourceUnavailable, e.Message, Port,
                    "Choose another -Port, or 0 for any free port.");
            }
            var instance = new EmulatorInstance(server, System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty);
            EmulatorRegistry.Add(instance);
            WriteObject(instance);
        }
    }
}
