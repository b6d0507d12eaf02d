using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;

namespace ZohoPortal.Core.Auth
{
    /// <summary>
    /// Holds one access token per connection (D16). It is renewed shortly before expiry and after
    /// a 401, and renewal is single-flight: however many calls find the token stale at once, the
    /// accounts server sees one request, because Zoho mints only 10 tokens per refresh token per
    /// 10 minutes.
    /// </summary>
    internal sealed class TokenProvider
    {
        private readonly ZohoCredential _credential;
        private readonly ZohoConnectionOptions _options;
        private readonly HttpClient _http;
        private readonly Redactor _redactor;
        private readonly SemaphoreSlim _refreshGate = new SemaphoreSlim(1, 1);
        private volatile CachedToken? _current;
        private int _refreshCount;

        public TokenProvider(ZohoCredential credential, ZohoConnectionOptions options, HttpClient http, Redactor redactor)
        {
            _credential = credential;
            _options = options;
            _http = http;
            _redactor = redactor;
            foreach (var secret in credential.Secrets) redactor.Register(secret);
            if (credential is AccessTokenCredential given)
                _current = new CachedToken(given.AccessToken, given.ExpiresAt, null);
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
            token.ExpiresAt.HasValue && _options.Clock.UtcNow >= token.ExpiresAt.Value - _options.TokenRefreshSkew;

        private async Task<string> RenewAsync(string? staleToken, CancellationToken cancellationToken)
        {
            await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = _current;
                // Someone renewed while we waited: use theirs.
                if (current != null && current.Value != staleToken && !IsStale(current)) return current.Value;
                var fresh = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                _current = fresh;
                return fresh.Value;
            }
            finally
            {
                _refreshGate.Release();
            }
        }

        private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>>();
            switch (_credential)
            {
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
                default:
                    throw new ZohoAuthenticationException(0, "no_token", "This connection's access token cannot be renewed.");
            }

            var url = new Uri(_options.ResolveAccountsUrl(), "/oauth/v2/token");
            var started = _options.Clock.UtcNow;
            using (var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) })
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                HttpResponseMessage response;
                string body;
                try
                {
                    response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ZohoTransportException("The accounts server " + url.Host + " did not answer within " + _options.RequestTimeout.TotalSeconds + " s.", null);
                }
                catch (HttpRequestException e)
                {
                    throw new ZohoTransportException("Could not reach the accounts server " + url.Host + ": " + _redactor.Redact(e.Message), null);
                }

                using (response)
                {
                    Trace(ZohoTraceLevel.Verbose, "HTTP POST " + url.AbsolutePath + " -> " + (int)response.StatusCode + " (token " + GrantName() + ")");
                    Trace(ZohoTraceLevel.Debug, "Token response body: " + body);
                    TokenResponse? parsed = null;
                    try { parsed = JsonSerializer.Deserialize(body, ZohoJsonContext.Default.TokenResponse); }
                    catch (JsonException) { }

                    // D11: a token answer without access_token is a failure, whatever the HTTP status.
                    if (parsed == null || string.IsNullOrEmpty(parsed.AccessToken))
                    {
                        var error = parsed?.Error ?? "invalid_response";
                        throw new ZohoAuthenticationException((int)response.StatusCode, error, DescribeTokenError(error, parsed?.ErrorDescription));
                    }

                    _redactor.Register(parsed.AccessToken);
                    if (_credential is GrantTokenCredential grant && !string.IsNullOrEmpty(parsed.RefreshToken))
                    {
                        _redactor.Register(parsed.RefreshToken);
                        grant.RefreshToken = parsed.RefreshToken;
                    }
                    Interlocked.Increment(ref _refreshCount);
                    var lifetime = TimeSpan.FromSeconds(parsed.ExpiresIn ?? 3600);
                    return new CachedToken(parsed.AccessToken!, started + lifetime, parsed.ApiDomain);
                }
            }
        }

        private string GrantName() => _credential is GrantTokenCredential g && g.RefreshToken == null ? "grant-code exchange" : "refresh";

        private string DescribeTokenError(string error, string? description)
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
                default:
                    advice = "The accounts server refused to issue an access token.";
                    break;
            }
            var extra = string.IsNullOrEmpty(description) ? string.Empty : " Server said: " + _redactor.Redact(description);
            return advice + extra;
        }

        private void Trace(ZohoTraceLevel level, string message)
        {
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(level)) tracer.Write(level, _redactor.Redact(message));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        private sealed class CachedToken
        {
            public CachedToken(string value, DateTimeOffset? expiresAt, string? apiDomain)
            {
                Value = value;
                ExpiresAt = expiresAt;
                ApiDomain = apiDomain;
            }

            public string Value { get; }
            public DateTimeOffset? ExpiresAt { get; }
            public string? ApiDomain { get; }
        }
    }
}
