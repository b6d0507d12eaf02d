using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Validation;

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
        /// once per connection and cached. A name is checked against the org's portal before
        /// anything is sent, so every cmdlet answers a wrong name with the same PortalNotFound
        /// (ObjectNotFound) naming it and the org's portal, not with Zoho's anonymous
        /// INVALID_DATA. The check costs nothing when the name is the one the connection knows,
        /// and one portal listing otherwise (the name may be new since a rename).
        /// </summary>
        protected async Task<string> ResolvePortalAsync(string? portal, CancellationToken cancellationToken)
        {
            var connection = ActiveConnection;
            var cached = connection.PortalName;
            if (string.IsNullOrEmpty(portal))
            {
                if (cached != null) return cached;
            }
            else if (cached != null && string.Equals(cached, portal, StringComparison.OrdinalIgnoreCase))
            {
                return cached;
            }
            else
            {
                // A name Zoho could never have is refused before the listing (and before any request).
                PortalNameRules.Validate(portal, "Portal");
            }

            var portals = await connection.Client.GetPortalsAsync(cancellationToken).ConfigureAwait(false);
            if (portals.Count > 0) connection.PortalName = portals[0].Name;
            if (string.IsNullOrEmpty(portal))
            {
                if (portals.Count == 0)
                    throw new ZohoPortalCmdletException("NoPortal", ErrorCategory.ObjectNotFound,
                        "The connected org has no portal.", null, "Create one with New-Portal -Name <name>.");
                return portals[0].Name;
            }
            var match = portals.FirstOrDefault(p => string.Equals(p.Name, portal, StringComparison.OrdinalIgnoreCase));
            if (match != null) return match.Name;
            throw PortalNotFound(portal!, portals.Select(p => p.Name).ToList());
        }

        /// <summary>The one PortalNotFound error of the module: names the portal asked for and the org's portal(s).</summary>
        internal static PortalNotFoundException PortalNotFound(string name, IReadOnlyList<string> known) => new PortalNotFoundException(name, known);

        /// <summary>Resolves the portal on the pipeline thread (for ShouldProcess text).</summary>
        protected string ResolvePortal(string? portal) => RunAsync(ct => ResolvePortalAsync(portal, ct));
    }
}
