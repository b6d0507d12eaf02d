using System.Management.Automation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Closes the current ZohoPortal connection.</para>
    /// <para type="description">Disconnect-ZohoPortal forgets the current connection and drops its cached access token. With -Connection it closes that connection instead. The refresh token itself is not revoked.</para>
    /// </summary>
    /// <example>
    /// <code>Disconnect-ZohoPortal</code>
    /// <para>Closes the connection made by the last Connect-ZohoPortal.</para>
    /// </example>
    /// <example>
    /// <code>$c = Connect-ZohoPortal -Emulator -PassThru
    /// Disconnect-ZohoPortal -Connection $c</code>
    /// <para>Closes a specific connection.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Disconnect, "ZohoPortal", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectZohoPortalCmdlet : ZohoPortalCmdlet
    {
        /// <summary><para type="description">The connection to close. Default: the current one.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public ZohoPortalConnection? Connection { get; set; }

        protected override void ProcessRecordCore()
        {
            var connection = Connection ?? ConnectionStore.Current;
            if (connection == null)
            {
                WriteVerbose("There is no ZohoPortal connection to close.");
                return;
            }
            if (!ShouldProcess(connection.ToString(), "Disconnect")) return;
            ConnectionStore.Clear(connection);
            connection.Dispose();
        }
    }
}
