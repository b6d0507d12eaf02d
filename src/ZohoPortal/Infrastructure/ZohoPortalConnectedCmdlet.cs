using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;

namespace ZohoPortal.Infrastructure
{
    /// <summary>Base of the cmdlets that talk to an org: connection lookup and the default portal.</summary>
    public abstract class ZohoPortalConnectedCmdlet : ZohoPortalCmdlet
    {
        /// <summary>
        /// <para type="description">The connection to use (from Connect-ZohoPortal -PassThru). Default: the most recent Connect-ZohoPortal.</para>
        /// </summary>
        [Parameter]
        public ZohoPortalConnection? Connection { get; set; }

        /// <summary>The connection in effect; throws when there is none.</summary>
        protected ZohoPortalConnection ActiveConnection
        {
            get
            {
                var connection = Connection ?? RunspaceConnection;
                if (connection == null || connection.IsDisposed) throw new NotConnectedException();
                return connection;
            }
        }

        protected ZohoPortalClient Client => ActiveConnection.Client;

        /// <summary>
        /// The portal to act on: the one given, else the org's portal (an org has one), looked up
        /// once per connection and cached.
        /// </summary>
        protected async Task<string> ResolvePortalAsync(string? portal, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(portal)) return portal!;
            var connection = ActiveConnection;
            var cached = connection.PortalName;
            if (cached != null) return cached;
            var portals = await connection.Client.GetPortalsAsync(cancellationToken).ConfigureAwait(false);
            if (portals.Count == 0)
                throw new ZohoPortalCmdletException("NoPortal", ErrorCategory.ObjectNotFound,
                    "The connected org has no portal.", null, "Create one with New-Portal -Name <name>.");
            connection.PortalName = portals[0].Name;
            return portals[0].Name;
        }

        /// <summary>Resolves the portal on the pipeline thread (for ShouldProcess text).</summary>
        protected string ResolvePortal(string? portal) => RunAsync(ct => ResolvePortalAsync(portal, ct));
    }
}
