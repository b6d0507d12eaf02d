using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// What the user-type cmdlets share: the -Portal parameter (bound by property name from any
    /// object carrying PortalName), one user-type listing per invocation, and upkeep of the
    /// connection's cached user types that tab completion reads.
    /// </summary>
    public abstract class UserTypeCmdletBase : ZohoPortalConnectedCmdlet
    {
        private UserTypeResolver? _resolver;

        /// <summary><para type="description">The portal. Default: the org's portal (an org has one). Binds from the PortalName property of piped objects.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortalName")]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public string? Portal { get; set; }

        private protected UserTypeResolver Resolver => _resolver ?? (_resolver = new UserTypeResolver(ActiveConnection));

        /// <summary>True under -WhatIf (or $WhatIfPreference): nothing may be sent that changes anything.</summary>
        protected bool IsWhatIf
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter sw) return sw.IsPresent;
                var preference = GetVariableValue("WhatIfPreference");
                return preference is SwitchParameter p ? p.IsPresent : preference is bool b && b;
            }
        }

        /// <summary>
        /// The user type an identity names; call it on the pipeline thread. Under -WhatIf the
        /// connection's cached list is tried first, so a dry run of a name the session already
        /// listed sends no request at all.
        /// </summary>
        protected PortalUserType ResolveUserType(UserTypeIdentity identity, string portal)
        {
            if (IsWhatIf && identity.UserType == null)
            {
                var cached = FromCache(identity, portal);
                if (cached != null) return cached;
            }
            var resolver = Resolver;
            return RunAsync(ct => resolver.ResolveAsync(identity, portal, ct));
        }

        private PortalUserType? FromCache(UserTypeIdentity identity, string portal)
        {
            var cached = ActiveConnection.CachedUserTypes;
            if (cached == null) return null;
            return cached.FirstOrDefault(t => (t.PortalName == null || t.PortalName == portal)
                && (identity.Id != null ? t.Id == identity.Id : string.Equals(t.Name, identity.Name, StringComparison.OrdinalIgnoreCase)));
        }

        /// <summary>Puts (or replaces) a user type among those tab completion offers; the lookup cache was made stale by the change itself.</summary>
        protected void RememberUserType(PortalUserType type)
        {
            var connection = ActiveConnection;
            connection.NoteUserType(type.PortalName ?? connection.PortalName ?? string.Empty, type);
        }

        /// <summary>Takes a full listing as the connection's cached user types (fresh) and for completion.</summary>
        protected void RememberUserTypes(string portal, IReadOnlyList<PortalUserType> types) => ActiveConnection.RememberUserTypes(portal, types);

        protected void ForgetUserType(PortalUserType type)
        {
            var connection = ActiveConnection;
            connection.NoteUserType(type.PortalName ?? connection.PortalName ?? string.Empty, null, type.Id);
        }

        /// <summary>"'Customer' (1306462000001856005)": how ShouldProcess and errors name a user type.</summary>
        protected static string Describe(PortalUserType type) => "'" + type.Name + "' (" + type.Id + ")";
    }
}
