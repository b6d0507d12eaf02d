using System.Management.Automation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Gets the current ZohoPortal connection.</para>
    /// <para type="description">Returns the connection the cmdlets use by default: data centre, environment, API version, API host, portal, token expiry, and the emulator when connected with -Emulator. It never shows a secret. When not connected it returns nothing.</para>
    /// </summary>
    /// <example>
    /// <code>Get-ZohoPortalConnection</code>
    /// <para>Shows the current connection.</para>
    /// </example>
    /// <example>
    /// <code>(Get-ZohoPortalConnection).Emulator.RequestLog.Entries</code>
    /// <para>Lists every request the in-process emulator has answered (connected with -Emulator).</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "ZohoPortalConnection")]
    [OutputType(typeof(ZohoPortalConnection))]
    public sealed class GetZohoPortalConnectionCmdlet : ZohoPortalCmdlet
    {
        protected override void ProcessRecordCore()
        {
            var connection = ConnectionStore.Current;
            if (connection != null && !connection.IsDisposed) WriteObject(connection);
        }
    }
}
