using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Stops emulators started with Start-ZohoPortalEmulator.</para>
    /// <para type="description">Stop-ZohoPortalEmulator stops the loopback emulator given (from the pipeline or -InputObject), the one on -Port, or, with neither, every emulator started in the current session (runspace). Connections to a stopped emulator then fail with a connection error. An in-process emulator (New-ZohoPortalEmulator) has nothing to stop: it goes away with the last connection or variable that holds it.</para>
    /// </summary>
    /// <example>
    /// <code>$emu | Stop-ZohoPortalEmulator</code>
    /// <para>Stops one emulator.</para>
    /// </example>
    /// <example>
    /// <code>Stop-ZohoPortalEmulator</code>
    /// <para>Stops every emulator started in this session, as an AfterAll block of a Pester file does.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Stop, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = AllSet)]
    [OutputType(typeof(void))]
    public sealed class StopZohoPortalEmulatorCmdlet : EmulatorCmdlet
    {
        private const string AllSet = "All";
        private const string InputObjectSet = "InputObject";
        private const string PortSet = "Port";

        #region Parameters

        /// <summary><para type="description">The emulator to stop (output of Start-ZohoPortalEmulator).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public EmulatorInstance? InputObject { get; set; }

        /// <summary><para type="description">Stops the emulator listening on this port.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = PortSet)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (InputObject != null && !InputObject.IsLoopback)
            {
                Report("EmulatorNotServed", ErrorCategory.InvalidArgument,
                    "This emulator runs in-process (New-ZohoPortalEmulator) and is not served on a port: there is nothing to stop.", InputObject);
                return;
            }
            var found = false;
            var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? System.Guid.Empty;
            foreach (var instance in EmulatorRegistry.ServedSnapshot())
            {
                if (InputObject != null && !ReferenceEquals(InputObject, instance)) continue;
                if (ParameterSetName == PortSet && instance.Port != Port) continue;
                if (ParameterSetName == AllSet && instance.OwnerRunspace != runspace) continue;
                found = true;
                if (!ShouldProcess(instance.BaseUrl.ToString(), "Stop Zoho portal emulator")) continue;
                instance.Server!.Dispose();
                instance.Running = false;
                EmulatorRegistry.Remove(instance);
            }
            if (!found && ParameterSetName != AllSet)
            {
                object target = InputObject != null ? (object)InputObject : Port;
                Report("EmulatorNotFound", ErrorCategory.ObjectNotFound, "No running emulator matches " + target + ".", target);
            }
        }

        #endregion
    }
}
