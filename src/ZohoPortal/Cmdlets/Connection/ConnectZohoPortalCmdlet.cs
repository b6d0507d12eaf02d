using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Management.Automation;
using System.Security;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Http;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Connects to a Zoho CRM org (or to the built-in emulator) for the ZohoPortal cmdlets.</para>
    /// <para type="description">Connect-ZohoPortal obtains an access token and keeps it for the session; the other cmdlets use this connection unless given -Connection. The token is renewed shortly before it expires and once more if Zoho rejects it, so a long runbook never sees token expiry. Renewal is single-flight: concurrent calls share one renewal, respecting Zoho's limit of 10 tokens per refresh token per 10 minutes.</para>
    /// <para type="description">Four ways to authenticate: a refresh token with the client id and secret (the usual choice for runbooks), a self-client grant code that is exchanged once, an access token obtained elsewhere (not renewable), or -Emulator, which connects to a new in-process emulated org so you can try the module and test scripts offline.</para>
    /// <para type="description">-Emulator loads the companion module ZohoPortal.Emulator on demand (from the folder beside ZohoPortal, else from $env:PSModulePath); a connection to Zoho never loads emulator code. For an emulated org of another size or behaviour, make it with New-ZohoPortalEmulator and pipe it in: New-ZohoPortalEmulator -UsersPerUserType 2000 | Connect-ZohoPortal.</para>
    /// <para type="description">Secrets are taken as SecureString and never appear in output, errors, Verbose or Debug text.</para>
    /// </summary>
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator; Get-Portal</code>
    /// <para>Connects to a fresh in-process emulated org (portal ZylkerAutos, two user types, 25 users each, 200 contacts) and shows its portal. The ZohoPortal.Emulator module is imported on the way.</para>
    /// </example>
    /// <example>
    /// <code>$secret = Read-Host -AsSecureString 'Client secret'; $refresh = Read-Host -AsSecureString 'Refresh token'
    /// Connect-ZohoPortal -ClientId 1000.ABCDEF -ClientSecret $secret -RefreshToken $refresh -DataCenter EU</code>
    /// <para>Connects to a real org in the EU data centre with a refresh token.</para>
    /// </example>
    /// <example>
    /// <code>$emu = Start-ZohoPortalEmulator
    /// $emu | Connect-ZohoPortal</code>
    /// <para>Starts an emulator on a loopback port and connects to it over real HTTP with the emulator's demo client and refresh token (the emulator object carries ClientId, ClientSecret, RefreshToken, ApiBaseUrl and AccountsBaseUrl).</para>
    /// </example>
    /// <example>
    /// <code>$emu = New-ZohoPortalEmulator -UsersPerUserType 5000 -ContactCount 1000
    /// $c = $emu | Connect-ZohoPortal -PassThru</code>
    /// <para>Connects to an in-process emulated org with 5,000 portal users in each user type (New-ZohoPortalEmulator is in the ZohoPortal.Emulator module) and returns the connection; $emu.RequestLog and $emu.Faults drive it from tests.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "ZohoPortal", DefaultParameterSetName = RefreshTokenSet)]
    [OutputType(typeof(ZohoPortalConnection))]
    public sealed class ConnectZohoPortalCmdlet : ZohoPortalCmdlet
    {
        private const string RefreshTokenSet = "RefreshToken";
        private const string GrantTokenSet = "GrantToken";
        private const string AccessTokenSet = "AccessToken";
        private const string EmulatorSet = "Emulator";

        #region Parameters

        /// <summary><para type="description">The OAuth client id (from the Zoho API console).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = string.Empty;

        /// <summary><para type="description">The OAuth client secret, as a SecureString.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary><para type="description">A refresh token for the client, as a SecureString.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public SecureString? RefreshToken { get; set; }

        /// <summary><para type="description">A self-client grant code (valid a few minutes, usable once), as a SecureString. It is exchanged for a refresh token that the connection keeps in memory.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet)]
        [ValidateNotNull]
        public SecureString? GrantToken { get; set; }

        /// <summary><para type="description">The redirect URI registered for the client, when the grant code came from the authorization-code flow rather than a self client.</para></summary>
        [Parameter(ParameterSetName = GrantTokenSet)]
        public string? RedirectUri { get; set; }

        /// <summary><para type="description">An access token obtained elsewhere, as a SecureString. It cannot be renewed: reconnect when it expires (one hour).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary><para type="description">Connects to a new in-process emulated org instead of Zoho (portal ZylkerAutos, user types Customers and Partners with 25 users each, 200 contacts to invite). No account or network needed. Loads the ZohoPortal.Emulator module; for other sizes or options use New-ZohoPortalEmulator ... | Connect-ZohoPortal.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = EmulatorSet)]
        public SwitchParameter Emulator { get; set; }

        /// <summary><para type="description">Sends every request through this HttpMessageHandler instead of the network: the Transport of an in-process emulator (New-ZohoPortalEmulator, bound from the pipeline), or a handler of your own that records or answers requests in a test. The connection does not dispose it.</para></summary>
        [Parameter(ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = GrantTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
        public HttpMessageHandler? Transport { get; set; }

        /// <summary><para type="description">The Zoho data centre of the org: US, EU, IN, AU, JP, CA, SA or CN. Default US.</para></summary>
        [Parameter]
        public ZohoDataCenter DataCenter { get; set; } = ZohoDataCenter.US;

        /// <summary><para type="description">Production, Sandbox or Developer. Note: Zoho rejects every portal call in sandbox orgs.</para></summary>
        [Parameter]
        public ZohoEnvironment Environment { get; set; } = ZohoEnvironment.Production;

        /// <summary><para type="description">CRM API version, v4 to v8 (default v8). Bulk invitations need v5 or later.</para></summary>
        [Parameter]
        [ValidateSet("v4", "v5", "v6", "v7", "v8", IgnoreCase = true)]
        public string ApiVersion { get; set; } = "v8";

        /// <summary><para type="description">Overrides the API host, e.g. an emulator served on loopback (Start-ZohoPortalEmulator) or a proxy. It must be an absolute https URL; plain http is accepted only on 127.0.0.1 (any 127.x.x.x), ::1 or localhost (InsecureBaseUrl otherwise). A path prefix is kept: requests go below it.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? ApiBaseUrl { get; set; }

        /// <summary><para type="description">Overrides the accounts (OAuth) server, e.g. an emulator served on loopback. Same rules as -ApiBaseUrl: https, or plain http only on a loopback address.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? AccountsBaseUrl { get; set; }

        /// <summary><para type="description">Most API calls in flight at once (default 10). Keep it at or below your edition's concurrency limit (Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25).</para></summary>
        [Parameter]
        [ValidateRange(1, 25)]
        public int MaxConcurrency { get; set; } = 10;

        /// <summary><para type="description">Seconds one HTTP attempt may take before it is treated as a transient failure (default 100).</para></summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; } = 100;

        /// <summary><para type="description">Retries (default 6), with capped exponential backoff and jitter; Retry-After is honoured when sent. Reads are retried after throttling (429), 5xx answers, network failures and timeouts; a change only when Zoho certainly did nothing (429, an expired token, a connection never made). A change whose answer is lost is read back instead of repeated (see about_ZohoPortal).</para></summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 6;

        /// <summary><para type="description">Returns the connection object (for -Connection).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var options = new ZohoConnectionOptions
            {
                DataCenter = DataCenter,
                Environment = Environment,
                ApiVersion = ApiVersion,
                ApiBaseUrl = ApiBaseUrl,
                AccountsBaseUrl = AccountsBaseUrl,
                MaxConcurrency = MaxConcurrency,
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSec),
                RetryPolicy = new RetryPolicy(MaxRetries),
                Tracer = PowerShellTracer.Instance,
            };

            ZohoCredential credential;
            ZohoAuthType authType;
            string? clientId = null;
            if (Transport != null)
            {
                options.Transport = Transport;
                options.DisposeTransport = false; // the caller's handler: it may serve other connections
            }
            switch (ParameterSetName)
            {
                case EmulatorSet:
                    var emulator = EmulatorModule.NewInProcessEmulator(this);
                    options.Transport = emulator.Transport;
                    options.DisposeTransport = false;
                    options.ApiBaseUrl = emulator.ApiBaseUrl;
                    options.AccountsBaseUrl = emulator.ApiBaseUrl;
                    credential = new RefreshTokenCredential(emulator.ClientId, SecureStrings.ToPlainText(emulator.ClientSecret), SecureStrings.ToPlainText(emulator.RefreshToken));
                    authType = ZohoAuthType.Emulator;
                    clientId = emulator.ClientId;
                    break;
                case GrantTokenSet:
                    credential = new GrantTokenCredential(ClientId, SecureStrings.ToPlainText(ClientSecret), SecureStrings.ToPlainText(GrantToken), RedirectUri);
                    authType = ZohoAuthType.GrantToken;
                    clientId = ClientId;
                    break;
                case AccessTokenSet:
                    credential = new AccessTokenCredential(SecureStrings.ToPlainText(AccessToken));
                    authType = ZohoAuthType.AccessToken;
                    break;
                default:
                    credential = new RefreshTokenCredential(ClientId, SecureStrings.ToPlainText(ClientSecret), SecureStrings.ToPlainText(RefreshToken));
                    authType = ZohoAuthType.RefreshToken;
                    clientId = ClientId;
                    break;
            }

            var client = new ZohoPortalClient(options, credential);
            try
            {
                // Fail now, not at the first cmdlet, when the credentials are wrong.
                RunAsync(ct => client.Http.EnsureTokenAsync(ct));
            }
            catch
            {
                client.Dispose();
                throw;
            }

            var connection = new ZohoPortalConnection(client, authType, clientId, DateTimeOffset.Now);
            ConnectionStore.Set(connection);
            WriteVerbose("Connected to " + connection.ApiBaseUrl + " (" + authType + ", API " + options.ApiVersion + ").");
            if (PassThru) WriteObject(connection);
        }

        #endregion
    }
}
