using System;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Infrastructure;

namespace ZohoPortal
{
    /// <summary>How a connection authenticates.</summary>
    public enum ZohoAuthType
    {
        RefreshToken,
        GrantToken,
        AccessToken,
        /// <summary>Connect-ZohoPortal -Emulator: an in-process emulated org (the ZohoPortal.Emulator module).</summary>
        Emulator,
        /// <summary>Made with the public constructor for tests and mocks: it holds no token and sends nothing.</summary>
        Offline,
        /// <summary>Connect-ZohoPortal -ClientCredential alone: a self client's client-credentials grant (no user, no refresh token).</summary>
        ClientCredentials,
        /// <summary>Connect-ZohoPortal -UseDeviceCode: a person approved a user code in a browser; renewed with the refresh token Zoho issued.</summary>
        DeviceCode,
    }

    /// <summary>
    /// A connection to one Zoho CRM org, made by Connect-ZohoPortal. It holds the client (with its
    /// cached access token), never a secret in a visible property.
    /// </summary>
    public sealed class ZohoPortalConnection : IDisposable
    {
        internal ZohoPortalConnection(ZohoPortalClient client, ZohoAuthType authType, string? clientId, DateTimeOffset connectedAt)
        {
            Client = client;
            AuthType = authType;
            ClientId = clientId;
            ConnectedAt = connectedAt;
        }

        /// <summary>
        /// An offline connection for tests and mocks, e.g. <c>Mock Connect-ZohoPortal { [ZohoPortal.ZohoPortalConnection]::new('ZylkerAutos') }</c>.
        /// It has no token and never reaches the network: a cmdlet that does use it gets the error
        /// OFFLINE_CONNECTION, answered locally.
        /// </summary>
        /// <param name="portalName">The portal name the connection reports (cmdlets default to it).</param>
        /// <param name="dataCenter">The data centre the connection reports.</param>
        public ZohoPortalConnection(string? portalName = null, ZohoDataCenter dataCenter = ZohoDataCenter.US)
            : this(new ZohoPortalClient(new ZohoConnectionOptions { DataCenter = dataCenter, Transport = new OfflineHandler(), DisposeTransport = true },
                                        new AccessTokenCredential("offline")),
                   ZohoAuthType.Offline, null, DateTimeOffset.Now)
        {
            PortalName = portalName;
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

        /// <summary>
        /// After Ctrl+C, how long a bulk user command lets the call in flight finish before giving up
        /// on it (its users are then reported "sent, outcome unknown"). Default 20 seconds.
        /// </summary>
        public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>True when connected with -Emulator. (With the ZohoPortal.Emulator module loaded, the Emulator property shows the emulated org.)</summary>
        public bool IsEmulator => AuthType == ZohoAuthType.Emulator;

        /// <summary>The org's portal name, learned on first use; cmdlets default to it.</summary>
        public string? PortalName
        {
            get => Client.Metadata.LastSeenPortalName;
            internal set => Client.Metadata.RememberPortalNames(value == null ? new string[0] : new[] { value });
        }

        /// <summary>
        /// How long the connection reuses its listing of the portal name and user types (to turn
        /// names into ids) before reading it again; default 5 minutes. Changes made through this
        /// connection, and a name the listing does not hold, read it again at once.
        /// [TimeSpan]::Zero reads them in every command. Connect-ZohoPortal -MetadataCacheLifetimeSec sets it.
        /// </summary>
        public TimeSpan MetadataCacheLifetime
        {
            get => Client.Metadata.Lifetime;
            set
            {
                if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), "MetadataCacheLifetime cannot be negative; use [TimeSpan]::Zero to turn the cache off.");
                Client.Metadata.Lifetime = value;
            }
        }

        /// <summary>User types this connection has seen (listed, created, changed); tab completion reads them instead of calling Zoho per key press.</summary>
        public System.Collections.Generic.IReadOnlyList<ZohoPortal.Core.Models.PortalUserType>? CachedUserTypes => Client.Metadata.SeenUserTypes;

        /// <summary>Puts a full listing of a portal's user types in the cache (fresh) and in completion.</summary>
        internal void RememberUserTypes(string portal, System.Collections.Generic.IReadOnlyList<ZohoPortal.Core.Models.PortalUserType> types)
        {
            Client.Metadata.RememberUserTypes(portal, types);
            Completion.RememberUserTypes(types);
        }

        /// <summary>Records one user type seen, or one removed (by id), for completion; a change has already made the cache stale.</summary>
        internal void NoteUserType(string portal, ZohoPortal.Core.Models.PortalUserType? type, string? removedId = null)
        {
            Client.Metadata.NoteUserType(portal, type, removedId);
            if (type != null) Completion.RememberUserTypes(new[] { type });
        }

        /// <summary>Module names and job ids read so far, for tab completion.</summary>
        internal ZohoPortal.Infrastructure.CompletionCache Completion { get; } = new ZohoPortal.Infrastructure.CompletionCache();

        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Client.Dispose();
        }

        public override string ToString() =>
            (IsEmulator ? "Emulator" : AuthType == ZohoAuthType.Offline ? "Offline" : DataCenter + "/" + Environment) + " " + ApiVersion
            + (PortalName == null ? string.Empty : " (" + PortalName + ")");
    }
}
