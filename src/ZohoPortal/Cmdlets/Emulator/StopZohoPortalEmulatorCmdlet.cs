using System.Management.Automation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Emulator
{
    /// <summary>
    /// <para type="synopsis">Stops emulators started with Start-ZohoPortalEmulator.</para>
    /// <para type="description">Stop-ZohoPortalEmulator stops the emulator given (from the pipeline or -InputObject), the one on -Port, or, with neither, every emulator started in the current session (runspace). Connections to a stopped emulator fail with a connection error.</para>
    /// </summary>
    /// <example>
    /// <code>$emu | Stop-ZohoPortalEmulator</code>
    /// <para>Stops one emulator.</para>
    /// </example>
    /// <example>
    /// <code>Stop-ZohoPortalEmulator</code>
    /// <para>Stops every emulator started in this session.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Stop, "ZohoPortalEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "All")]
    [OutputType(typeof(void))]
    public sealed class StopZohoPortalEmulatorCmdlet : ZohoPortalCmdlet
    {
        /// <summary><para type="description">The emulator to stop (output of Start-ZohoPortalEmulator).</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InputObject")]
        public EmulatorInstance? InputObject { get; set; }

        /// <summary><para type="description">Stops the emulator listening on this port.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = "Port")]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        protected override void ProcessRecordCore()
        {
            var found = false;
            foreach (var instance in EmulatorRegistry.Snapshot())
            {
                if (InputObject != null && !ReferenceEquals(InputObject, instance)) continue;
                if (ParameterSetName == "Port" && instance.Port != Port) continue;
                if (ParameterSetName == "All" && instance.OwnerRunspace != (System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? System.Guid.Empty)) continue;
                found = true;
                if (!ShouldProcess(instance.BaseUrl.ToString(), "Stop Zoho portal emulator")) continue;
                instance.Server.Dispose();
                instance.Running = false;
                EmulatorRegistry.Remove(instance);
            }
            if (!found && ParameterSetName != "All")
            {
                object target = InputObject != null ? (object)InputObject : Port;
                WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("EmulatorNotFound", ErrorCategory.ObjectNotFound,
                    "No running emulator matches " + target + ".", target), target));
            }
        }
    }
}
