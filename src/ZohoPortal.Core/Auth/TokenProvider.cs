using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Http.Pipeline;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core.Auth
{
    /// <summary>
    /// Holds one access token per connection (zoho-api.md "Limits and tokens"). It is renewed shortly before expiry (a margin
    /// that scales with the token's lifetime) and after a 401, and renewal is single-flight:
    /// however many calls find the token stale at once, the accounts server sees one request,
    /// because Zoho mints only 10 tokens per refresh token per 10 minutes. Token requests go
    /// through the same retry, timeout and trace stages as API calls; after a minting refusal the
    /// provider waits for Zoho's window (and says so) instead of asking again per call.
    /// </summary>
    internal sealed class TokenProvider
    {
        /// <summary>Zoho's minting refusal ("too many requests continuously").</summary>
        internal const string MintRefusedError = "Access Denied";
        /// <summary>Client credentials without soid for a client that can reach several orgs.</summary>
        internal const string MissingOrgInfoError = "missing_org_info";
        private static readonly TimeSpan FirstMintWait = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan LongestMintWait = TimeSpan.FromMinutes(2);

        private readonly ZohoCredential _credential;
        private readonly ZohoConnectionOptions _options;
        private readonly HttpMessageInvoker _accounts;
        private readonly Redactor _redactor;
        private readonly SemaphoreSlim _refreshGate = new SemaphoreSlim(1, 1);
        private volatile CachedToken? _current;
        private int _refreshCount;
        private ZohoAuthenticationException? _refusal;
        private DateTimeOffset _refusalUntil;

        public TokenProvider(ZohoCredential credential, ZohoConnectionOptions options, HttpMessageInvoker accounts, Redactor redactor)
        {
            _credential = credential;
            _options = options;
            _accounts = accounts;
            _redactor = redactor;
            foreach (var secret in credential.Secrets) redactor.Register(secret);
            if (credential is AccessTokenCredential given)
                _current = new CachedToken(given.AccessToken, given.ExpiresAt, null, options.TokenRefreshSkew);
        }

        /// <summary>How many tokens this connection has minted (tests read it to prove single-flight).</summary>
        public int RefreshCount => Volatile.Read(ref _refreshCount);

        public string? ApiDomain => _current?.ApiDomain;
        public DateTimeOffset? ExpiresAt => _current?.ExpiresAt;

        public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            var token = _current;
            if (token != null && !IsStale(token)) return token.Value;
            if (!_credential.CanRefresh)
            {
                if (token != null) return token.Value; // Zoho will say INVALID_TOKEN; nothing to renew it with.
                throw new ZohoAuthenticationException(0, "no_token", "No access token is available.");
            }
            return await RenewAsync(token?.Value, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Called after Zoho rejected <paramref name="rejectedToken"/>; renews unless another caller already did.</summary>
        public Task<string> RenewAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
            RenewAsync(rejectedToken, cancellationToken);

        private bool IsStale(CachedToken token) =>
            token.ExpiresAt.HasValue && _options.Clock.UtcNow >= token.ExpiresAt.Value - token.Margin;

        private async Task<string> RenewAsync(string? staleToken, CancellationToken cancellationToken)
        {
            await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = _current;
                // Someone renewed while we waited: use theirs.
                if (current != null && current.Value != staleToken && !IsStale(current)) return current.Value;
                // Someone just gave up after waiting out a minting refusal: do not ask again at once.
                if (_refusal != null && _options.Clock.UtcNow < _refusalUntil) throw _refusal;

                var waited = TimeSpan.Zero;
                var wait = FirstMintWait;
                while (true)
                {
                    try
                    {
                        var fresh = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                        _current = fresh;
                        _refusal = null;
                        return fresh.Value;
                    }
                    catch (ZohoAuthenticationException e) when (e.Code == MintRefusedError)
                    {
                        if (waited + wait > _options.TokenMintWait)
                        {
                            _refusal = e;
                            _refusalUntil = _options.Clock.UtcNow + FirstMintWait;
                            throw;
                        }
                        Trace(ZohoTraceLevel.Verbose, "Zoho refused to mint another access token (" + e.Code + ": Zoho mints at most 10 per refresh token per 10 minutes); waiting "
                            + wait.TotalSeconds + " s for the window before asking again (" + waited.TotalSeconds + " s waited so far, at most " + _options.TokenMintWait.TotalSeconds + " s).");
                        await _options.Clock.Delay(wait, cancellationToken).ConfigureAwait(false);
                        waited += wait;
                        wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestMintWait.Ticks));
                    }
                }
            }
            finally
            {
                _refreshGate.Release();
            }
        }

        private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
        {
            // The device flow's first token comes from a person's approval, not from a grant we hold.
            if (_credential is DeviceCodeCredential device && !device.SignedIn)
                return await new DeviceCodeFlow(this, device, _options, _redactor).SignInAsync(cancellationToken).ConfigureAwait(false);

            var form = new List<KeyValuePair<string, string>>();
            switch (_credential)
            {
                case DeviceCodeCredential d when d.RefreshToken != null:
                    form.Add(Pair("grant_type", "refresh_token"));
                    form.Add(Pair("client_id", d.ClientId));
                    form.Add(Pair("client_secret", d.ClientSecret));
                    form.Add(Pair("refresh_token", d.RefreshToken));
                    break;
                case RefreshTokenCredential r:
                    form.Add(Pair("grant_type", "refresh_token"));
                    form.Add(Pair("client_id", r.ClientId));
                    form.Add(Pair("client_secret", r.ClientSecret));
                    form.Add(Pair("refresh_token", r.RefreshToken));
                    break;
                case GrantTokenCredential g when g.RefreshToken != null:
                    form.Add(Pair("grant_type", "refresh_token"));
                    form.Add(Pair("client_id", g.ClientId));
                    form.Add(Pair("client_secret", g.ClientSecret));
                    form.Add(Pair("refresh_token", g.RefreshToken));
                    break;
                case GrantTokenCredential g:
                    form.Add(Pair("grant_type", "authorization_code"));
                    form.Add(Pair("client_id", g.ClientId));
                    form.Add(Pair("client_secret", g.ClientSecret));
                    form.Add(Pair("code", g.GrantCode));
                    if (!string.IsNullOrEmpty(g.RedirectUri)) form.Add(Pair("redirect_uri", g.RedirectUri!));
                    break;
                case ClientCredentialsCredential c:
                    form.Add(Pair("grant_type", "client_credentials"));
                    form.Add(Pair("client_id", c.ClientId));
                    form.Add(Pair("client_secret", c.ClientSecret));
                    form.Add(Pair("scope", c.Scope));
                    if (c.OrganizationId != null) form.Add(Pair("soid", "ZohoCRM." + c.OrganizationId));
                    break;
                default:
                    throw new ZohoAuthenticationException(0, "no_token", "This connection's access token cannot be renewed.");
            }

            // A device sign-in in another data centre renews there (other_dc named it).
            var url = BaseUrlRules.Join((_credential as DeviceCodeCredential)?.AccountsUrl ?? _options.ResolveAccountsUrl(), "/oauth/v2/token");
            var started = _options.Clock.UtcNow;
            CachedToken? minted = null;

            AttemptFailure? Judge(int status, string text, TimeSpan? retryAfter)
            {
                Trace(ZohoTraceLevel.Debug, "Token response body: " + text);
                TokenResponse? parsed = null;
                try { parsed = JsonSerializer.Deserialize(text, ZohoJsonContext.Default.TokenResponse); }
                catch (JsonException) { }
                if (parsed != null && !string.IsNullOrEmpty(parsed.AccessToken))
                {
                    minted = Accept(parsed, started);
                    return null;
                }
                // zoho-api.md "Limits and tokens": a token answer without access_token is a failure, whatever the HTTP status. A named
                // error is Zoho's verdict; an unnamed one (429, 5xx, a proxy's page, a cut body) is transient.
                if (parsed?.Error != null)
                    return new AttemptFailure(FailureKind.Final, new ZohoAuthenticationException(status, parsed.Error, DescribeTokenError(parsed.Error, parsed.ErrorDescription)), null, status);
                var kind = status == 429 ? FailureKind.Throttled : FailureKind.ServerError;
                return new AttemptFailure(kind, new ZohoTransportException("The accounts server " + url.Host + " answered HTTP " + status + " without a token.", null), retryAfter, status);
            }

            await SendFormAsync(url, form, "token " + GrantName(), Judge, cancellationToken).ConfigureAwait(false);
            return minted!;
        }

        /// <summary>
        /// Posts a form to the accounts server through the connection's pipeline (retry, timeout,
        /// trace). <paramref name="judge"/> reads the answer: null when it is the one wanted.
        /// </summary>
        internal async Task SendFormAsync(Uri url, List<KeyValuePair<string, string>> form, string what,
            Func<int, string, TimeSpan?, AttemptFailure?> judge, CancellationToken cancellationToken)
        {
            byte[] body;
            using (var encoded = new FormUrlEncodedContent(form)) body = await encoded.ReadAsByteArrayAsync().ConfigureAwait(false);
            var context = new PipelineContext(RequestKind.Token, HttpMethod.Post, url, "POST " + url.AbsolutePath + " (" + what + ")",
                body, "application/x-www-form-urlencoded", judge);
            using (var template = new HttpRequestMessage(HttpMethod.Post, url))
            {
                context.AttachTo(template);
                using (await _accounts.SendAsync(template, cancellationToken).ConfigureAwait(false)) { }
            }
        }

        /// <summary>Takes a token answer: its secrets are masked from now on, and a refresh token issued with it is kept.</summary>
        internal CachedToken Accept(TokenResponse parsed, DateTimeOffset started)
        {
            _redactor.Register(parsed.AccessToken);
            if (_credential is DeviceCodeCredential device && !string.IsNullOrEmpty(parsed.RefreshToken))
            {
                _redactor.Register(parsed.RefreshToken);
                device.RefreshToken = parsed.RefreshToken;
            }
            if (_credential is GrantTokenCredential grant && !string.IsNullOrEmpty(parsed.RefreshToken))
            {
                _redactor.Register(parsed.RefreshToken);
                grant.RefreshToken = parsed.RefreshToken;
            }
            var apiDomain = ApiDomainRules.Accept(parsed.ApiDomain, _options);
            Interlocked.Increment(ref _refreshCount);
            var lifetime = TimeSpan.FromSeconds(parsed.ExpiresIn ?? 3600);
            // Renew a quarter of the lifetime early at most, so a short-lived token is not renewed on every call.
            var margin = TimeSpan.FromTicks(Math.Min(_options.TokenRefreshSkew.Ticks, lifetime.Ticks / 4));
            return new CachedToken(parsed.AccessToken!, started + lifetime, apiDomain, margin);
        }
        private string GrantName() =>
            _credential is GrantTokenCredential g && g.RefreshToken == null ? "grant-code exchange"
            : _credential is ClientCredentialsCredential ? "client credentials"
            : "refresh";

        internal string DescribeTokenError(string error, string? description)
        {
            string advice;
            switch (error)
            {
                case "invalid_code":
                    advice = "The grant code or refresh token was refused: it may have expired, been used already, been revoked, or belong to another data centre (connected to " + _options.DataCenter + ").";
                    break;
                case "invalid_client":
                    advice = "The client id is unknown to the accounts server of data centre " + _options.DataCenter + "; check -DataCenter and the client id.";
                    break;
                case "invalid_client_secret":
                    advice = "The client secret does not match the client id.";
                    break;
                case MissingOrgInfoError:
                    advice = "The client can reach more than one Zoho org, so Zoho needs to know which: give -OrganizationId with the CRM org id (Setup > Company Details), sent as soid=ZohoCRM.{org id}.";
                    break;
                case "invalid_scope":
                    advice = "The accounts server refused the requested scopes (" + ((_credential as ClientCredentialsCredential)?.Scope ?? (_credential as DeviceCodeCredential)?.Scope ?? ZohoScopes.Default) + "); the client may not be allowed them.";
                    break;
                case MintRefusedError:
                    advice = "Zoho refused to mint more access tokens: it allows 10 per refresh token per 10 minutes, and this connection waited "
                             + _options.TokenMintWait.TotalSeconds + " s for the window. The credentials themselves are fine; try again in a few minutes, and avoid connecting many sessions with one refresh token.";
                    break;
                default:
                    advice = "The accounts server refused to issue an access token.";
                    break;
            }
            var extra = string.IsNullOrEmpty(description) ? string.Empty : " Server said: " + _redactor.Redact(description);
            return advice + extra;
        }

        internal void Trace(ZohoTraceLevel level, string message)
        {
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(level)) tracer.Write(level, _redactor.Redact(message));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        internal sealed class CachedToken
        {
            public CachedToken(string value, DateTimeOffset? expiresAt, string? apiDomain, TimeSpan margin)
            {
                Value = value;
                ExpiresAt = expiresAt;
                ApiDomain = apiDomain;
                Margin = margin;
            }

            /// <summary>How long before expiry the token counts as stale.</summary>
            public TimeSpan Margin { get; }

            public string Value { get; }
            public DateTimeOffset? ExpiresAt { get; }
            public string? ApiDomain { get; }
        }
    }
}
