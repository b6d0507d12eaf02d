using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Management.Automation;
using System.Security;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Connects to a Zoho CRM org (or to the built-in emulator) for the ZohoPortal cmdlets.</para>
    /// <para type="description">Connect-ZohoPortal obtains an access token and keeps it for the session; the other cmdlets use this connection unless given -Connection. The token is renewed shortly before it expires and once more if Zoho rejects it, so a long runbook never sees token expiry. Renewal is single-flight: concurrent calls share one renewal, respecting Zoho's limit of 10 tokens per refresh token per 10 minutes.</para>
    /// <para type="description">Six ways to authenticate: at a prompt, -UseDeviceCode (a browser on any device approves a code); a refresh token with the client id and secret (the usual choice for runbooks), a self client's client credentials (-ClientCredential with -OrganizationId: no user, no refresh token), a self-client grant code that is exchanged once, an access token obtained elsewhere (not renewable), or -Emulator, which connects to a new in-process emulated org so you can try the module and test scripts offline.</para>
    /// <para type="description">-Emulator loads the companion module ZohoPortal.Emulator on demand (from the folder beside ZohoPortal, else from $env:PSModulePath); a connection to Zoho never loads emulator code. For an emulated org of another size or behaviour, make it with New-ZohoPortalEmulator and pipe it in: New-ZohoPortalEmulator -UsersPerUserType 2000 | Connect-ZohoPortal.</para>
    /// <para type="description">The connection remembers the org's portal name and the portal's user types for -MetadataCacheLifetimeSec (default 5 minutes), so commands that name a user type or portal do not list them each time: a loop of 1,000 single-user Move-PortalUser commands costs about 1,000 calls, not 2,000. Changes made through the connection (New/Set/Remove-Portal, New/Set/Remove-PortalUserType) make it read them again, and a name the remembered listing lacks is checked against a fresh one before it is refused.</para>
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
    /// <code>$client = Get-Credential -Message 'Client id as user name, client secret as password'
    /// Connect-ZohoPortal -ClientCredential $client -OrganizationId 20099000001 -DataCenter EU</code>
    /// <para>Signs in with a self client's client credentials (no user, no refresh token): the org id is sent as soid=ZohoCRM.20099000001, and a new access token is minted the same way whenever one expires. A vault module's Get-Secret returns such a PSCredential too.</para>
    /// </example>
    /// <example>
    /// <code>Connect-ZohoPortal -UseDeviceCode -ClientId 1000.DEVICECLIENT -ClientSecret (Read-Host -AsSecureString 'Client secret') -DataCenter EU</code>
    /// <para>Signs in as a person at a prompt: a line such as "To sign in to Zoho, open https://accounts.zoho.eu/oauth/v3/device in a browser and enter the code ABCD-EFGH" appears; accept in the browser and the command returns connected. If the account lives in another data centre, Zoho says so and the sign-in continues there.</para>
    /// </example>
    /// <example>
    /// <code>Connect-ZohoPortal -ClientCredential (Get-Secret ZohoClient) -RefreshToken (Get-Secret ZohoRefreshToken)</code>
    /// <para>Uses a PSCredential (client id and secret) with a refresh token, both read from a SecretManagement vault, so no secret is typed or converted from plain text.</para>
    /// </example>
    /// <example>
    /// <code>Connect-ZohoPortal -UseDeviceCode -ClientCredential (Get-Secret ZohoDeviceClient) -SaveRefreshTokenAs ZohoRefreshToken -Vault Automation
    /// # later, in the scheduled runbook:
    /// Connect-ZohoPortal -ClientCredentialSecretName ZohoDeviceClient -RefreshTokenSecretName ZohoRefreshToken -Vault Automation</code>
    /// <para>An administrator signs in once with a device code and stores the refresh token Zoho issued in a SecretManagement vault; the runbook then connects from the vault with no secret in its text and no -AsPlainText.</para>
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
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator -MetadataCacheLifetimeSec 0
    /// $c = Get-ZohoPortalConnection; $c.MetadataCacheLifetime = [TimeSpan]::FromMinutes(1)</code>
    /// <para>Connects with the metadata cache turned off (every command lists the user types it names), then turns it on again with a one-minute lifetime.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "ZohoPortal", DefaultParameterSetName = RefreshTokenSet)]
    [OutputType(typeof(ZohoPortalConnection))]
    public sealed class ConnectZohoPortalCmdlet : ZohoPortalCmdlet
    {
        private const string RefreshTokenSet = "RefreshToken";
        private const string GrantTokenSet = "GrantToken";
        private const string AccessTokenSet = "AccessToken";
        private const string EmulatorSet = "Emulator";
        private const string ClientCredentialsSet = "ClientCredentials";
        private const string RefreshTokenCredentialSet = "RefreshTokenWithCredential";
        private const string GrantTokenCredentialSet = "GrantTokenWithCredential";
        private const string DeviceCodeSet = "DeviceCode";
        private const string DeviceCodeCredentialSet = "DeviceCodeWithCredential";
        private const string VaultSet = "FromVault";

        #region Parameters

        /// <summary><para type="description">The OAuth client id (from the Zoho API console).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = string.Empty;

        /// <summary><para type="description">The OAuth client secret, as a SecureString.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary><para type="description">The OAuth client as a PSCredential: the client id as the user name and the client secret as the password, as Get-Credential and secret vaults return it. Alone (with -OrganizationId) it signs in with the client-credentials grant of a self client: no user and no refresh token, a new access token minted the same way whenever one expires. With -RefreshToken or -GrantToken it stands for -ClientId and -ClientSecret.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenCredentialSet)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenCredentialSet)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeCredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ClientCredential { get; set; }

        /// <summary><para type="description">The CRM org id (Setup > Company Details), for -ClientCredential alone: sent as soid=ZohoCRM.{id}. Zoho requires it when the client can reach more than one org, and answers missing_org_info without it.</para></summary>
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidatePattern(@"^\d+$")]
        public string? OrganizationId { get; set; }

        /// <summary><para type="description">Signs in with Zoho's device authorization, for a person at a prompt: the verification URL and a user code are shown on the host (and kept in the Information stream, tag ZohoPortal.DeviceCode); open the URL in any browser, enter the code and accept. Connect-ZohoPortal waits (polling at Zoho's pace) and ends connected with a refresh token it keeps in memory, so the session renews its access token without asking again. Ctrl+C stops the wait. Needs a client of type "non-browser application" (-ClientId and -ClientSecret, or -ClientCredential).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeCredentialSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary><para type="description">The OAuth scopes to ask for with -ClientCredential alone or -UseDeviceCode, comma-separated. Default ZohoCRM.settings.clientportal.ALL,ZohoCRM.modules.ALL,ZohoCRM.settings.fields.READ: the portal settings API, the record-level portal invite, and the field metadata Import-PortalConfiguration reads to check field names.</para></summary>
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DeviceCodeCredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? Scope { get; set; }

        /// <summary><para type="description">A refresh token for the client, as a SecureString.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenCredentialSet)]
        [ValidateNotNull]
        public SecureString? RefreshToken { get; set; }

        /// <summary><para type="description">A self-client grant code (valid a few minutes, usable once), as a SecureString. It is exchanged for a refresh token that the connection keeps in memory.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenSet)]
        [Parameter(Mandatory = true, ParameterSetName = GrantTokenCredentialSet)]
        [ValidateNotNull]
        public SecureString? GrantToken { get; set; }

        /// <summary><para type="description">The redirect URI registered for the client, when the grant code came from the authorization-code flow rather than a self client.</para></summary>
        [Parameter(ParameterSetName = GrantTokenSet)]
        [Parameter(ParameterSetName = GrantTokenCredentialSet)]
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
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [Parameter(ParameterSetName = RefreshTokenCredentialSet)]
        [Parameter(ParameterSetName = GrantTokenCredentialSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DeviceCodeCredentialSet)]
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

        /// <summary><para type="description">Seconds the connection reuses its listing of the portal name and user types, which turns names (Customers, -Portal ZylkerAutos) into ids, before reading it again (default 300). Within that time a loop of single-user commands costs one call per user. Every portal or user-type change made through this connection reads the listing again at once, and a name or id the listing lacks is looked up once more in a fresh listing before it is refused, so a user type made in another session is found. 0 reads the listing in every command. Also settable later as the connection's MetadataCacheLifetime property.</para></summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MetadataCacheLifetimeSec { get; set; } = 300;

        /// <summary><para type="description">Retries (default 6), with capped exponential backoff and jitter; Retry-After is honoured when sent. Reads are retried after throttling (429), 5xx answers, network failures and timeouts; a change only when Zoho certainly did nothing (429, an expired token, a connection never made). A change whose answer is lost is read back instead of repeated (see about_ZohoPortal).</para></summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 6;

        /// <summary><para type="description">Reads the client id and secret from this secret (a PSCredential: client id as user name, secret as password) with SecretManagement's Get-Secret, together with -RefreshTokenSecretName. Needs the Microsoft.PowerShell.SecretManagement module and a registered vault; ZohoPortal does not bundle it.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientCredentialSecretName { get; set; }

        /// <summary><para type="description">Reads the refresh token from this secret (a SecureString) with SecretManagement's Get-Secret, together with -ClientCredentialSecretName.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string? RefreshTokenSecretName { get; set; }

        /// <summary><para type="description">After a device-code or grant-code sign-in, stores the refresh token Zoho issued in this secret (Set-Secret, replacing what was there), so a later session connects with -ClientCredentialSecretName and -RefreshTokenSecretName without signing in again.</para></summary>
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DeviceCodeCredentialSet)]
        [Parameter(ParameterSetName = GrantTokenSet)]
        [Parameter(ParameterSetName = GrantTokenCredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? SaveRefreshTokenAs { get; set; }

        /// <summary><para type="description">The SecretManagement vault for -ClientCredentialSecretName, -RefreshTokenSecretName and -SaveRefreshTokenAs (default: the default vault).</para></summary>
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DeviceCodeCredentialSet)]
        [Parameter(ParameterSetName = GrantTokenSet)]
        [Parameter(ParameterSetName = GrantTokenCredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary><para type="description">After a device-code or grant-code sign-in, puts the refresh token Zoho issued, as a SecureString, in the variable of this name (without $) in the caller's scope: once, for a caller who wants to keep it somewhere of its own. It never appears on the output stream.</para></summary>
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DeviceCodeCredentialSet)]
        [Parameter(ParameterSetName = GrantTokenSet)]
        [Parameter(ParameterSetName = GrantTokenCredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? RefreshTokenVariable { get; set; }

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
                MetadataCacheLifetime = TimeSpan.FromSeconds(MetadataCacheLifetimeSec),
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
                case ClientCredentialsSet:
                {
                    var (id, secret) = ReadClient(ClientCredential);
                    credential = new ClientCredentialsCredential(id, secret, OrganizationId, Scope);
                    authType = ZohoAuthType.ClientCredentials;
                    clientId = id;
                    break;
                }
                case RefreshTokenCredentialSet:
                {
                    var (id, secret) = ReadClient(ClientCredential);
                    credential = new RefreshTokenCredential(id, secret, SecureStrings.ToPlainText(RefreshToken));
                    authType = ZohoAuthType.RefreshToken;
                    clientId = id;
                    break;
                }
                case GrantTokenCredentialSet:
                {
                    var (id, secret) = ReadClient(ClientCredential);
                    credential = new GrantTokenCredential(id, secret, SecureStrings.ToPlainText(GrantToken), RedirectUri);
                    authType = ZohoAuthType.GrantToken;
                    clientId = id;
                    break;
                }
                case DeviceCodeSet:
                    credential = new DeviceCodeCredential(ClientId, SecureStrings.ToPlainText(ClientSecret), ShowDeviceCode, Scope);
                    authType = ZohoAuthType.DeviceCode;
                    clientId = ClientId;
                    break;
                case DeviceCodeCredentialSet:
                {
                    var (id, secret) = ReadClient(ClientCredential);
                    credential = new DeviceCodeCredential(id, secret, ShowDeviceCode, Scope);
                    authType = ZohoAuthType.DeviceCode;
                    clientId = id;
                    break;
                }
                case VaultSet:
                {
                    // Read on the pipeline thread, through the engine, before any request.
                    var stored = SecretVault.Get(this, ClientCredentialSecretName!, Vault) as PSCredential
                                 ?? throw new ZohoValidationException("ClientCredentialSecretNotCredential",
                                     "The secret '" + ClientCredentialSecretName + "' must be a PSCredential (client id as user name, client secret as password).", nameof(ClientCredentialSecretName));
                    var refresh = SecretVault.Get(this, RefreshTokenSecretName!, Vault) as SecureString
                                  ?? throw new ZohoValidationException("RefreshTokenSecretNotSecureString",
                                      "The secret '" + RefreshTokenSecretName + "' must be a SecureString holding the refresh token.", nameof(RefreshTokenSecretName));
                    var (id, secret) = ReadClient(stored);
                    credential = new RefreshTokenCredential(id, secret, SecureStrings.ToPlainText(refresh));
                    authType = ZohoAuthType.RefreshToken;
                    clientId = id;
                    break;
                }
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
            HandBackRefreshToken(credential);
            WriteVerbose("Connected to " + connection.ApiBaseUrl + " (" + authType + ", API " + options.ApiVersion + ").");
            if (PassThru) WriteObject(connection);
        }

        /// <summary>
        /// The refresh token a sign-in produced goes, if asked for, to a vault and/or a variable,
        /// as a SecureString, taken from the credential once. The connection is already made: a
        /// vault failure is reported as an error but does not undo it.
        /// </summary>
        private void HandBackRefreshToken(ZohoCredential credential)
        {
            if (SaveRefreshTokenAs == null && RefreshTokenVariable == null) return;
            var issued = (credential as IIssuesRefreshToken)?.TakeIssuedRefreshToken();
            if (issued == null)
                throw new ZohoPortalCmdletException("NoRefreshTokenIssued", ErrorCategory.InvalidResult,
                    "Connected, but Zoho issued no refresh token with this sign-in, so there is none to keep. Zoho issues one with the first consent; sign in with -UseDeviceCode again after revoking the client's access, or use a new grant code.");
            if (RefreshTokenVariable != null) SessionState.PSVariable.Set(RefreshTokenVariable, issued);
            if (SaveRefreshTokenAs != null)
            {
                SecretVault.Set(this, SaveRefreshTokenAs, Vault, issued);
                WriteVerbose("Stored the refresh token as secret '" + SaveRefreshTokenAs + "'" + (Vault == null ? string.Empty : " in vault '" + Vault + "'") + ".");
            }
        }

        /// <summary>
        /// Shows the device flow's URL and user code the way Write-Host does (an Information record
        /// tagged PSHOST, so the host prints it and a transcript or runbook log keeps it), never on
        /// the output stream. Called from the worker thread; written from the pipeline thread.
        /// </summary>
        private void ShowDeviceCode(DeviceCodePrompt prompt)
        {
            var message = prompt.Message(DateTimeOffset.UtcNow);
            Post(() => WriteInformation(new InformationRecord(new HostInformationMessage { Message = message }, "Connect-ZohoPortal")
            {
                Tags = { "PSHOST", "ZohoPortal.DeviceCode" },
            }));
        }

        /// <summary>
        /// The client id and secret from a PSCredential, checked before any request. Windows
        /// PowerShell's credential dialog may prefix a bare user name with a backslash (no domain);
        /// a client id never starts with one, so it is dropped.
        /// </summary>
        private static (string Id, string Secret) ReadClient(PSCredential? credential)
        {
            var id = (credential?.UserName ?? string.Empty).TrimStart('\\').Trim();
            if (id.Length == 0)
                throw new ZohoValidationException("ClientCredentialWithoutClientId",
                    "-ClientCredential has no user name: put the OAuth client id (such as 1000.ABCDEF) in the user name and the client secret in the password.", nameof(ClientCredential));
            var secret = SecureStrings.ToPlainText(credential!.Password);
            if (secret.Length == 0)
                throw new ZohoValidationException("ClientCredentialWithoutSecret",
                    "-ClientCredential has an empty password: the password must be the OAuth client secret of client " + id + ".", nameof(ClientCredential));
            return (id, secret);
        }

        #endregion
    }
}
