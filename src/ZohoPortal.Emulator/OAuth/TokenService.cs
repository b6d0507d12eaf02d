using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.Emulator.OAuth
{
    /// <summary>
    /// The emulated Zoho Accounts server: refresh-token and grant-code grants, revocation, access
    /// token validation and Zoho's minting limit (10 access tokens per refresh token per 10 minutes).
    /// </summary>
    internal sealed class TokenService
    {
        private readonly object _gate = new object();
        private readonly ZohoEmulator _emulator;
        private readonly Dictionary<string, string> _clients = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, RefreshTokenState> _refreshTokens = new Dictionary<string, RefreshTokenState>(StringComparer.Ordinal);
        private readonly Dictionary<string, GrantCodeState> _grantCodes = new Dictionary<string, GrantCodeState>(StringComparer.Ordinal);
        private readonly Dictionary<string, AccessTokenState> _accessTokens = new Dictionary<string, AccessTokenState>(StringComparer.Ordinal);

        public TokenService(ZohoEmulator emulator, string clientId, string clientSecret)
        {
            _emulator = emulator;
            _clients[clientId] = clientSecret;
        }

        public int AccessTokensIssued { get; private set; }

        public string CreateRefreshToken(string clientId)
        {
            lock (_gate)
            {
                var token = "1000." + RandomHex(16) + "." + RandomHex(16);
                _refreshTokens[token] = new RefreshTokenState(clientId);
                return token;
            }
        }

        public string CreateGrantCode(string clientId, TimeSpan lifetime)
        {
            lock (_gate)
            {
                var code = "1000." + RandomHex(16) + "." + RandomHex(16);
                _grantCodes[code] = new GrantCodeState(clientId, _emulator.Now + lifetime);
                return code;
            }
        }

        /// <summary>Makes every access token issued so far expire now.</summary>
        public void ExpireAllAccessTokens()
        {
            lock (_gate)
            {
                foreach (var state in _accessTokens.Values) state.ExpiresAt = DateTimeOffset.MinValue;
            }
        }

        public bool IsValidAccessToken(string token)
        {
            lock (_gate)
            {
                return _accessTokens.TryGetValue(token, out var state) && state.ExpiresAt > _emulator.Now
                       && _refreshTokens.TryGetValue(state.RefreshToken, out var parent) && !parent.Revoked;
            }
        }

        /// <summary>POST /oauth/v2/token: parameters come from the query string or a form body (both are used in the wild).</summary>
        public EmulatorResponse HandleToken(EmulatorRequest request)
        {
            var p = new Dictionary<string, string>(request.Query, StringComparer.Ordinal);
            foreach (var pair in EmulatorRequest.ParseForm(request.Body)) p[pair.Key] = pair.Value;
            p.TryGetValue("grant_type", out var grantType);
            p.TryGetValue("client_id", out var clientId);
            p.TryGetValue("client_secret", out var clientSecret);

            lock (_gate)
            {
                // zoho-api.md "Limits and tokens": Zoho answers token errors with HTTP 200 and {"error": ...}.
                if (clientId == null || !_clients.TryGetValue(clientId, out var secret)) return TokenError("invalid_client");
                if (clientSecret != secret) return TokenError("invalid_client_secret");

                switch (grantType)
                {
                    case "refresh_token":
                        p.TryGetValue("refresh_token", out var refresh);
                        if (refresh == null || refresh.StartsWith(ClientCredentialsKey, StringComparison.Ordinal) || !_refreshTokens.TryGetValue(refresh, out var state) || state.Revoked || state.ClientId != clientId)
                            return TokenError("invalid_code");
                        return Mint(refresh, state, includeRefresh: false);

                    case "authorization_code":
                        p.TryGetValue("code", out var code);
                        if (code == null || !_grantCodes.TryGetValue(code, out var grant) || grant.Used || grant.ExpiresAt <= _emulator.Now || grant.ClientId != clientId)
                            return TokenError("invalid_code");
                        grant.Used = true;
                        var newRefresh = "1000." + RandomHex(16) + "." + RandomHex(16);
                        var newState = new RefreshTokenState(clientId);
                        _refreshTokens[newRefresh] = newState;
                        return Mint(newRefresh, newState, includeRefresh: true);

                    case "client_credentials":
                        return ClientCredentials(clientId, p);

                    default:
                        return TokenError("unsupported_grant_type");
                }
            }
        }

        /// <summary>
        /// The self client's client-credentials grant. The demo client reaches several orgs (as a
        /// self client of a multi-org user does), so soid=ZohoCRM.{org id} is required: without it
        /// Zoho's missing_org_info; with another org's id, invalid_client (the client cannot reach it).
        /// Tokens are minted against one hidden per-client-and-org allowance, so Zoho's limit of
        /// 10 per 10 minutes applies as it does to a refresh token.
        /// </summary>
        private EmulatorResponse ClientCredentials(string clientId, Dictionary<string, string> p)
        {
            p.TryGetValue("soid", out var soid);
            if (string.IsNullOrEmpty(soid)) return TokenError("missing_org_info");
            if (soid != "ZohoCRM." + _emulator.OrganizationId) return TokenError("invalid_client");
            if (!p.TryGetValue("scope", out var scope) || string.IsNullOrWhiteSpace(scope)) return TokenError("invalid_scope");
            var key = ClientCredentialsKey + clientId + "/" + soid;
            if (!_refreshTokens.TryGetValue(key, out var state)) _refreshTokens[key] = state = new RefreshTokenState(clientId);
            return Mint(key, state, includeRefresh: false);
        }

        /// <summary>Prefix of the hidden allowances of client-credentials tokens; never a refresh token a caller can send.</summary>
        private const string ClientCredentialsKey = "client_credentials:";

        /// <summary>Null when the client exists (and, if <paramref name="clientSecret"/> is checked, the secret matches); else Zoho's error.</summary>
        internal string? CheckClient(string? clientId, string? clientSecret, bool checkSecret)
        {
            lock (_gate)
            {
                if (clientId == null || !_clients.TryGetValue(clientId, out var secret)) return "invalid_client";
                if (checkSecret && clientSecret != secret) return "invalid_client_secret";
                return null;
            }
        }

        /// <summary>A user's consent turned into tokens (the device flow): a new refresh token and its first access token.</summary>
        internal EmulatorResponse IssueForConsent(string clientId, bool offline)
        {
            lock (_gate)
            {
                var newRefresh = "1000." + RandomHex(16) + "." + RandomHex(16);
                var newState = new RefreshTokenState(clientId);
                _refreshTokens[newRefresh] = newState;
                return Mint(newRefresh, newState, includeRefresh: offline);
            }
        }

        /// <summary>POST /oauth/v2/token/revoke?token=: revoking a refresh token revokes its access tokens.</summary>
        public EmulatorResponse HandleRevoke(EmulatorRequest request)
        {
            var token = request.GetQuery("token") ?? EmulatorRequest.ParseForm(request.Body).TryGetValueOrNull("token");
            lock (_gate)
            {
                if (token != null && _refreshTokens.TryGetValue(token, out var state) && !state.Revoked)
                {
                    state.Revoked = true;
                    return Zj.Respond(200, new JsonObject { ["status"] = "success" });
                }
            }
            return Zj.Respond(400, new JsonObject { ["error"] = "invalid_token" });
        }

        private EmulatorResponse Mint(string refreshToken, RefreshTokenState state, bool includeRefresh)
        {
            var now = _emulator.Now;
            state.MintTimes.RemoveAll(t => t <= now - _emulator.Options.TokenMintWindow);
            if (state.MintTimes.Count >= _emulator.Options.TokenMintLimit)
            {
                return Zj.Respond(400, new JsonObject
                {
                    ["error_description"] = "You have made too many requests continuously. Please try again after some time.",
                    ["error"] = "Access Denied",
                    ["status"] = "failure",
                });
            }
            state.MintTimes.Add(now);

            var access = "1000." + RandomHex(16) + "." + RandomHex(16);
            var lifetime = _emulator.Options.AccessTokenLifetime;
            _accessTokens[access] = new AccessTokenState(refreshToken, now + lifetime);
            AccessTokensIssued++;
            var body = new JsonObject { ["access_token"] = access };
            if (includeRefresh) body["refresh_token"] = refreshToken;
            body["scope"] = "ZohoCRM.settings.clientportal.ALL ZohoCRM.modules.ALL";
            body["api_domain"] = _emulator.ApiDomain;
            body["token_type"] = "Bearer";
            body["expires_in"] = (long)lifetime.TotalSeconds;
            return Zj.Respond(200, body);
        }

        private static EmulatorResponse TokenError(string error) => Zj.Respond(200, new JsonObject { ["error"] = error });

        private static string RandomHex(int bytes)
        {
            var buffer = new byte[bytes];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(buffer);
            return BitConverter.ToString(buffer).Replace("-", string.Empty).ToLowerInvariant();
        }

        private sealed class RefreshTokenState
        {
            public RefreshTokenState(string clientId) => ClientId = clientId;
            public string ClientId { get; }
            public bool Revoked { get; set; }
            public List<DateTimeOffset> MintTimes { get; } = new List<DateTimeOffset>();
        }

        private sealed class GrantCodeState
        {
            public GrantCodeState(string clientId, DateTimeOffset expiresAt)
            {
                ClientId = clientId;
                ExpiresAt = expiresAt;
            }

            public string ClientId { get; }
            public DateTimeOffset ExpiresAt { get; }
            public bool Used { get; set; }
        }

        private sealed class AccessTokenState
        {
            public AccessTokenState(string refreshToken, DateTimeOffset expiresAt)
            {
                RefreshToken = refreshToken;
                ExpiresAt = expiresAt;
            }

            public string RefreshToken { get; }
            public DateTimeOffset ExpiresAt { get; set; }
        }
    }

    internal static class DictionaryExtensions
    {
        public static string? TryGetValueOrNull(this Dictionary<string, string> d, string key) => d.TryGetValue(key, out var v) ? v : null;
    }
}
