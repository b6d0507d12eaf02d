using System;
using System.Net.Http;
using System.Security;
using ZohoPortal.Emulator.Faults;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.PowerShell
{
    /// <summary>
    /// An emulated org made by New-ZohoPortalEmulator (in-process) or Start-ZohoPortalEmulator
    /// (served on loopback). Its property names match Connect-ZohoPortal's parameters
    /// (ClientId, ClientSecret, RefreshToken, ApiBaseUrl, AccountsBaseUrl, Transport), so it pipes
    /// straight into Connect-ZohoPortal.
    /// </summary>
    public sealed class EmulatorInstance
    {
        internal EmulatorInstance(ZohoEmulator emulator, EmulatorServer? server, Guid ownerRunspace)
        {
            Emulator = emulator;
            Server = server;
            OwnerRunspace = ownerRunspace;
            // One handler for the instance's life: an emulator handler holds no resource, and
            // connections made from it are found again through it (Get-ZohoPortalEmulator).
            Transport = server == null ? emulator.CreateHandler() : null;
            RefreshToken = Secrets.FromPlainText(emulator.DemoRefreshToken);
            ClientSecret = Secrets.FromPlainText(ZohoEmulator.DemoClientSecret);
        }

        internal EmulatorServer? Server { get; }

        /// <summary>The runspace that made it: Stop-ZohoPortalEmulator without arguments stops only its own.</summary>
        internal Guid OwnerRunspace { get; }

        /// <summary>The emulated org's engine: Org, RequestLog, Faults, Options, CreateRefreshToken(), CreateGrantCode(), ExpireAccessTokens().</summary>
        public ZohoEmulator Emulator { get; }

        /// <summary>The org's state (portal, user types, users, CRM records).</summary>
        public OrgState Org => Emulator.Org;

        /// <summary>Every request the emulator answered, in order.</summary>
        public RequestLog RequestLog => Emulator.RequestLog;

        /// <summary>Faults waiting to be injected (Add-ZohoPortalEmulatorFault adds to it).</summary>
        public FaultInjector Faults => Emulator.Faults;

        /// <summary>How the emulator behaves now (Set-ZohoPortalEmulator changes it).</summary>
        public EmulatorOptions Options => Emulator.Options;

        /// <summary>Base URL of both the API (/crm/v8/...) and the token endpoint (/oauth/v2/token).</summary>
        public Uri BaseUrl => Server?.BaseUrl ?? Emulator.Options.BaseUrl;

        /// <summary>Same as BaseUrl: the API lives under /crm/{version}/.</summary>
        public Uri ApiBaseUrl => BaseUrl;

        /// <summary>Same as BaseUrl: the token endpoint is /oauth/v2/token.</summary>
        public Uri AccountsBaseUrl => BaseUrl;

        /// <summary>The loopback port; 0 for an in-process emulator.</summary>
        public int Port => Server?.Port ?? 0;

        /// <summary>True when served on loopback HTTP (Start-ZohoPortalEmulator).</summary>
        public bool IsLoopback => Server != null;

        /// <summary>In-process only: the HttpMessageHandler that answers requests without a socket (null on loopback).</summary>
        public HttpMessageHandler? Transport { get; }

        /// <summary>The emulator's demo client id.</summary>
        public string ClientId => ZohoEmulator.DemoClientId;

        /// <summary>The demo client's secret (not a real secret: the emulator is local).</summary>
        public SecureString ClientSecret { get; }

        /// <summary>A refresh token of the demo client, valid until revoked.</summary>
        public SecureString RefreshToken { get; }

        /// <summary>The emulated org's id, for client credentials: Connect-ZohoPortal -ClientCredential ... -OrganizationId $emu.OrganizationId (sent as soid=ZohoCRM.{id}).</summary>
        public string OrganizationId => ZohoEmulator.DemoOrganizationId;

        /// <summary>False once a loopback emulator has been stopped.</summary>
        public bool Running { get; internal set; } = true;

        public override string ToString() => BaseUrl.ToString();
    }
}
