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
        /// The portal to act on: the one given, else the org's portal (an org has one). A name is
        /// checked against the org's portal names before anything is sent, so every cmdlet answers
        /// a wrong name with the same PortalNotFound (ObjectNotFound) naming it and the org's
        /// portal, not with Zoho's anonymous INVALID_DATA. The names come from the connection's
        /// metadata cache (no request while its listing is fresh); a name the cached listing lacks
        /// is checked once more against a fresh listing (it may be new since a rename elsewhere).
        /// </summary>
        protected async Task<string> ResolvePortalAsync(string? portal, CancellationToken cancellationToken)
        {
            var connection = ActiveConnection;
            // A name Zoho could never have is refused before the listing (and before any request).
            if (!string.IsNullOrEmpty(portal)) PortalNameRules.Validate(portal, "Portal");

            var metadata = connection.Client.Metadata;
            var names = await metadata.GetPortalNamesAsync(cancellationToken).ConfigureAwait(false);
            var match = Pick(names.Items, portal);
            if (match == null && !names.JustRead)
            {
                names = await metadata.RefreshPortalNamesAsync(names, cancellationToken).ConfigureAwait(false);
                match = Pick(names.Items, portal);
            }
            if (match != null) return match;
            if (string.IsNullOrEmpty(portal))
                throw new ZohoPortalCmdletException("NoPortal", ErrorCategory.ObjectNotFound,
                    "The connected org has no portal.", null, "Create one with New-Portal -Name <name>.");
            throw PortalNotFound(portal!, names.Items.ToList());
        }

        private static string? Pick(IReadOnlyList<string> names, string? portal) =>
            string.IsNullOrEmpty(portal) ? names.FirstOrDefault() : names.FirstOrDefault(n => string.Equals(n, portal, StringComparison.OrdinalIgnoreCase));

        /// <summary>The one PortalNotFound error of the module: names the portal asked for and the org's portal(s).</summary>
        internal static PortalNotFoundException PortalNotFound(string name, IReadOnlyList<string> known) => new PortalNotFoundException(name, known);

        /// <summary>Resolves the portal on the pipeline thread (for ShouldProcess text).</summary>
        protected string ResolvePortal(string? portal) => RunAsync(ct => ResolvePortalAsync(portal, ct));
    }
}
