using System;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Emulator;

namespace ZohoPortal
{
    /// <summary>How a connection authenticates.</summary>
    public enum ZohoAuthType
    {
        RefreshToken,
        GrantToken,
        AccessToken,
        Emulator,
    }

    /// <summary>
    /// A connection to one Zoho CRM org, made by Connect-ZohoPortal. It holds the client (with its
    /// cached access token), never a secret in a visible property.
    /// </summary>
    public sealed class ZohoPortalConnection : IDisposable
    {
        internal ZohoPortalConnection(ZohoPortalClient client, ZohoAuthType authType, string? clientId, ZohoEmulator? emulator, DateTimeOffset connectedAt)
        {
            Client = client;
            AuthType = authType;
            ClientId = clientId;
            Emulator = emulator;
            ConnectedAt = connectedAt;
        }

        /// <summary>The typed API client behind the cmdlets, for scripts that need an endpoint directly.</summary>
        public ZohoPortalClient Client { get; }
        public ZohoAuthType AuthType { get; }
        public string? ClientId { get; }
        public ZohoDataCenter DataCenter => Client.Options.DataCenter;
        public ZohoEnvironment Environment => Client.Options.Environment;
        public string ApiVersion => Client.Options.ApiVersion;
        public Uri ApiBaseUrl => Client.Http.ApiBaseUrl;
        public Uri AccountsBaseUrl => Client.Options.AccountsBaseUrl ?? ZohoEndpoints.GetAccountsUrl(Client.Options.DataCenter);
        public DateTimeOffset ConnectedAt { get; }
        public DateTimeOffset? TokenExpiresAt => Client.Http.TokenExpiresAt;
        public int MaxConcurrency => Client.Options.MaxConcurrency;

        /// <summary>The in-process emulator when connected with -Emulator (drive its Faults and RequestLog from tests).</summary>
        public ZohoEmulator? Emulator { get; }
        public bool IsEmulator => Emulator != null;

        /// <summary>The org's portal name, learned on first use; cmdlets default to it.</summary>
        public string? PortalName { get; internal set; }

        /// <summary>User types last listed on this connection; tab completion reads them instead of calling Zoho per key press.</summary>
        public System.Collections.Generic.IReadOnlyList<ZohoPortal.Core.Models.PortalUserType>? CachedUserTypes
        {
            get => _cachedUserTypes;
            internal set
            {
                _cachedUserTypes = value;
                if (value != null) Completion.RememberUserTypes(value);
            }
        }

        private System.Collections.Generic.IReadOnlyList<ZohoPortal.Core.Models.PortalUserType>? _cachedUserTypes;

        /// <summary>Module names and job ids read so far, for tab completion.</summary>
        internal ZohoPortal.Infrastructure.CompletionCache Completion { get; } = new ZohoPortal.Infrastructure.CompletionCache();

        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Client.Dispose();
        }

        public override string ToString() => (IsEmulator ? "Emulator" : DataCenter + "/" + Environment) + " " + ApiVersion + (PortalName == null ? string.Empty : " (" + PortalName + ")");
    }
}
