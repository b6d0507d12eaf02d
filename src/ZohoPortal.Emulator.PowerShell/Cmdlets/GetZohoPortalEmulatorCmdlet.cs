using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the emulated org behind a ZohoPortal connection.</para>
    /// <para type="description">Get-ZohoPortalEmulator returns the emulator the current connection (or -Connection) talks to: the one made by Connect-ZohoPortal -Emulator or New-ZohoPortalEmulator, or a loopback one started with Start-ZohoPortalEmulator. Its RequestLog, Faults, Org and Options are what tests inspect and drive. With -Loopback it lists the loopback emulators running in this process instead.</para>
    /// <para type="description">For a connection to Zoho it writes an EmulatorNotFound error. While this module is loaded, the same emulator's engine is also the connection's Emulator property.</para>
    /// </summary>
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator
    /// (Get-ZohoPortalEmulator).Org.PortalUserCount</code>
    /// <para>Connects to a new in-process org and counts its portal users.</para>
    /// </example>
    /// <example>
    /// <code>$c = Connect-ZohoPortal -Emulator -PassThru
    /// Get-ZohoPortalEmulator -Connection $c | Set-ZohoPortalEmulator -JobDelayMilliseconds 0</code>
    /// <para>Finds the emulator of a given connection and makes its invite jobs complete at once.</para>
    /// </example>
    /// <example>
    /// <code>Get-ZohoPortalEmulator -Loopback</code>
    /// <para>Lists the emulators served on loopback in this process.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "ZohoPortalEmulator", DefaultParameterSetName = ConnectionSet)]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class GetZohoPortalEmulatorCmdlet : EmulatorCmdlet
    {
        private const string ConnectionSet = "Connection";
        private const string LoopbackSet = "Loopback";

        #region Parameters

        /// <summary><para type="description">The ZohoPortal connection whose emulator to get (default: the current connection).</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ConnectionSet)]
        public PSObject? Connection { get; set; }

        /// <summary><para type="description">Lists the loopback emulators (Start-ZohoPortalEmulator) running in this process.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = LoopbackSet)]
        public SwitchParameter Loopback { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (Loopback)
            {
                foreach (var served in EmulatorRegistry.ServedSnapshot()) WriteObject(served);
                return;
            }
            var connection = Connection != null ? (object)Connection : CurrentConnection();
            if (connection == null)
            {
                Report("NotConnected", ErrorCategory.InvalidOperation, "There is no ZohoPortal connection: run Connect-ZohoPortal -Emulator first, or pass -Connection.", null);
                return;
            }
            var instance = EmulatorRegistry.ForConnection(connection);
            if (instance == null)
            {
                Report("EmulatorNotFound", ErrorCategory.ObjectNotFound, "The connection " + connection + " is not to an emulator of this process.", connection);
                return;
            }
            WriteObject(instance);
        }

        #endregion
    }
}
