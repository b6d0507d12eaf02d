using System;
using System.Collections.Generic;
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
    /// One device sign-in (Zoho's "non-browser applications" flow): ask for a device code, show the
    /// user code, then poll on the connection's clock until the person approves, denies or the code
    /// expires. Polls keep Zoho's pace (the interval it gave; at least 30 s after slow_down) and
    /// move to the user's data centre on other_dc. Every request goes through the connection's
    /// pipeline; the device code is masked in traces like any secret.
    /// </summary>
    internal sealed class DeviceCodeFlow
    {
        /// <summary>Zoho's rule behind slow_down: one poll per 30 seconds.</summary>
        internal static readonly TimeSpan SlowDownInterval = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

        private readonly TokenProvider _provider;
        private readonly DeviceCodeCredential _credential;
        private readonly ZohoConnectionOptions _options;
        private readonly Redactor _redactor;

        public DeviceCodeFlow(TokenProvider provider, DeviceCodeCredential credential, ZohoConnectionOptions options, Redactor redactor)
        {
            _provider = provider;
            _credential = credential;
            _options = options;
            _redactor = redactor;
        }

        public async Task<TokenProvider.CachedToken> SignInAsync(CancellationToken cancellationToken)
        {
            var accounts = _options.ResolveAccountsUrl();
            var code = await RequestDeviceCodeAsync(accounts, cancellationToken).ConfigureAwait(false);
            var clock = _options.Clock;
            var expiresAt = clock.UtcNow + code.Lifetime;
            _credential.Show(new DeviceCodePrompt(code.VerificationUrl, code.UserCode, expiresAt));

            var interval = code.Interval;
            var pollAt = accounts;
            while (true)
            {
                await clock.Delay(interval, cancellationToken).ConfigureAwait(false);
                // Zoho answers "expired" itself; this guard ends the wait should it never say so.
                if (clock.UtcNow >= expiresAt + interval) throw Expired(code.Lifetime);

                var started = clock.UtcNow;
                var answer = await PollAsync(pollAt, code.DeviceCode, cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(answer.Token?.AccessToken))
                {
                    var token = _provider.Accept(answer.Token!, started);
                    _credential.AccountsUrl = pollAt == accounts ? null : pollAt;
                    _credential.SignedIn = true;
                    return token;
                }
                switch (answer.Error)
                {
                    case "authorization_pending":
                        break;
                    case "slow_down":
                        interval = interval < SlowDownInterval ? SlowDownInterval : interval + TimeSpan.FromSeconds(5);
                        _provider.Trace(ZohoTraceLevel.Verbose, "Zoho asked to poll more slowly (slow_down); polling every " + interval.TotalSeconds + " s.");
                        break;
                    case "other_dc":
                        pollAt = OtherDataCentre(answer.UserLocation, answer.AccountsServer, accounts);
                        _provider.Trace(ZohoTraceLevel.Verbose, "The account that approved lives in data centre '" + answer.UserLocation + "' (other_dc); polling " + pollAt.GetLeftPart(UriPartial.Authority) + " from now on.");
                        break;
                    case "access_denied":
                        throw new ZohoAuthenticationException(0, "access_denied",
                            "The sign-in was rejected on Zoho's verification page (access_denied), so no token was issued. Run Connect-ZohoPortal -UseDeviceCode again and choose Accept, or sign in with an account allowed to grant the scopes " + _credential.Scope + ".");
                    case "expired":
                        throw Expired(code.Lifetime);
                    default:
                        throw new ZohoAuthenticationException(0, answer.Error ?? "no_token", _provider.DescribeTokenError(answer.Error ?? "no_token", answer.Description));
                }
            }
        }

        private ZohoAuthenticationException Expired(TimeSpan lifetime) =>
            new ZohoAuthenticationException(0, "expired",
                "No one approved the code within " + Math.Max(1, (int)Math.Round(lifetime.TotalMinutes)) + " minutes, so it expired (expired). Run Connect-ZohoPortal -UseDeviceCode again and enter the new code promptly.");

        private async Task<IssuedCode> RequestDeviceCodeAsync(Uri accounts, CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                Pair("client_id", _credential.ClientId),
                Pair("grant_type", "device_request"),
                Pair("scope", _credential.Scope),
                Pair("access_type", "offline"),
            };
            if (_credential.ForceConsent) form.Add(Pair("prompt", "consent"));
            var url = BaseUrlRules.Join(accounts, "/oauth/v3/device/code");
            IssuedCode? result = null;

            AttemptFailure? Judge(int status, string text, TimeSpan? retryAfter)
            {
                var root = Parse(text);
                var deviceCode = Text(root, "device_code");
                _redactor.Register(deviceCode); // before the body is traced
                _provider.Trace(ZohoTraceLevel.Debug, "Device code response body: " + text);
                var error = Text(root, "error");
                if (error != null)
                    return new AttemptFailure(FailureKind.Final, new ZohoAuthenticationException(status, error, _provider.DescribeTokenError(error, Text(root, "error_description"))), null, status);
                var userCode = Text(root, "user_code");
                var verification = Text(root, "verification_url") ?? Text(root, "verification_uri");
                if (deviceCode == null || userCode == null || verification == null || !Uri.TryCreate(verification, UriKind.Absolute, out var verificationUrl))
                {
                    var kind = status == 429 ? FailureKind.Throttled : FailureKind.ServerError;
                    return new AttemptFailure(kind, new ZohoTransportException("The accounts server " + url.Host + " answered HTTP " + status + " without a device code.", null), retryAfter, status);
                }
                result = new IssuedCode(deviceCode, userCode, verificationUrl,
                    Duration(Number(root, "interval"), 1000, DefaultInterval), Duration(Number(root, "expires_in"), 3600, DefaultLifetime));
                return null;
            }

            await _provider.SendFormAsync(url, form, "device code", Judge, cancellationToken).ConfigureAwait(false);
            return result!;
        }

        private async Task<PollAnswer> PollAsync(Uri accounts, string deviceCode, CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                Pair("client_id", _credential.ClientId),
                Pair("client_secret", _credential.ClientSecret),
                Pair("grant_type", "device_token"),
                Pair("code", deviceCode),
            };
            var url = BaseUrlRules.Join(accounts, "/oauth/v3/device/token");
            PollAnswer? answer = null;

            AttemptFailure? Judge(int status, string text, TimeSpan? retryAfter)
            {
                TokenResponse? token = null;
                try { token = JsonSerializer.Deserialize(text, ZohoJsonContext.Default.TokenResponse); }
                catch (JsonException) { }
                _redactor.Register(token?.AccessToken);
                _redactor.Register(token?.RefreshToken);
                _provider.Trace(ZohoTraceLevel.Debug, "Device token response body: " + text);
                var root = Parse(text);
                if (!string.IsNullOrEmpty(token?.AccessToken) || Text(root, "error") != null)
                {
                    // Each feedback (pending, slow_down, other_dc...) is an answer to act on, not a failure to retry.
                    answer = new PollAnswer(token, Text(root, "error"), Text(root, "error_description"), Text(root, "user_location"),
                        Text(root, "accounts_server") ?? Text(root, "accounts-server"));
                    return null;
                }
                var kind = status == 429 ? FailureKind.Throttled : FailureKind.ServerError;
                return new AttemptFailure(kind, new ZohoTransportException("The accounts server " + url.Host + " answered HTTP " + status + " without a token or feedback.", null), retryAfter, status);
            }

            await _provider.SendFormAsync(url, form, "device token poll", Judge, cancellationToken).ConfigureAwait(false);
            return answer!;
        }

        /// <summary>
        /// Where to poll after other_dc. The client secret goes there, so only a known Zoho
        /// accounts server counts: the named location's server; or, when the connection was given
        /// its own accounts server (an emulator or proxy), the server the answer names on that same host.
        /// </summary>
        private Uri OtherDataCentre(string? location, string? accountsServer, Uri current)
        {
            if (_options.AccountsBaseUrl != null)
            {
                if (accountsServer != null && Uri.TryCreate(accountsServer, UriKind.Absolute, out var named)
                    && string.Equals(named.GetLeftPart(UriPartial.Authority), _options.AccountsBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                    return named;
                throw new ZohoAuthenticationException(0, "other_dc",
                    "The account that approved lives in data centre '" + location + "' (other_dc), but this connection was given -AccountsBaseUrl " + _options.AccountsBaseUrl.GetLeftPart(UriPartial.Authority) + ", which did not name an accounts server for it on the same host. Connect with that data centre's -AccountsBaseUrl.");
            }
            if (location != null && Enum.TryParse<ZohoDataCenter>(location.Trim(), ignoreCase: true, out var dataCenter) && Enum.IsDefined(typeof(ZohoDataCenter), dataCenter))
                return ZohoEndpoints.GetAccountsUrl(dataCenter);
            throw new ZohoAuthenticationException(0, "other_dc",
                "The account that approved lives in another data centre (other_dc), but Zoho named '" + location + "', which is not one of US, EU, IN, AU, JP, CA, SA, CN. Connect again with -DataCenter set to the account's data centre.");
        }

        /// <summary>
        /// Zoho's reference gives interval and expires_in in milliseconds, its newer page (and RFC 8628)
        /// in seconds: a value at or above <paramref name="millisecondsFrom"/> is read as milliseconds.
        /// </summary>
        internal static TimeSpan Duration(long? value, long millisecondsFrom, TimeSpan fallback)
        {
            if (value == null || value <= 0) return fallback;
            return value >= millisecondsFrom ? TimeSpan.FromMilliseconds(value.Value) : TimeSpan.FromSeconds(value.Value);
        }

        private static JsonElement? Parse(string text)
        {
            try
            {
                using (var document = JsonDocument.Parse(text))
                    return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : (JsonElement?)null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement? root, string name) =>
            root.HasValue && root.Value.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static long? Number(JsonElement? root, string name)
        {
            if (!root.HasValue || !root.Value.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out var s)) return s;
            return null;
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        private sealed class IssuedCode
        {
            public IssuedCode(string deviceCode, string userCode, Uri verificationUrl, TimeSpan interval, TimeSpan lifetime)
            {
                DeviceCode = deviceCode;
                UserCode = userCode;
                VerificationUrl = verificationUrl;
                Interval = interval;
                Lifetime = lifetime;
            }

            public string DeviceCode { get; }
            public string UserCode { get; }
            public Uri VerificationUrl { get; }
            public TimeSpan Interval { get; }
            public TimeSpan Lifetime { get; }
        }

        private sealed class PollAnswer
        {
            public PollAnswer(TokenResponse? token, string? error, string? description, string? userLocation, string? accountsServer)
            {
                Token = token;
                Error = error;
                Description = description;
                UserLocation = userLocation;
                AccountsServer = accountsServer;
            }

            public TokenResponse? Token { get; }
            public string? Error { get; }
            public string? Description { get; }
            public string? UserLocation { get; }
            public string? AccountsServer { get; }
        }
    }
}
