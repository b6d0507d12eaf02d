using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.Emulator.OAuth
{
    /// <summary>
    /// Zoho's device authorization ("non-browser applications"): POST /oauth/v3/device/code hands
    /// out a user code and a device code; a person enters the user code on the verification page
    /// (GET/POST /oauth/v3/device here) and approves or denies; the device polls
    /// POST /oauth/v3/device/token and hears slow_down, authorization_pending, other_dc (with
    /// user_location), access_denied or expired until it gets its tokens.
    /// </summary>
    internal sealed class DeviceAuthorizationService
    {
        /// <summary>The data centre of the emulator's own accounts server; others live under /dc/{location}/.</summary>
        internal const string HomeLocation = "us";

        private readonly object _gate = new object();
        private readonly ZohoEmulator _emulator;
        private readonly TokenService _tokens;
        private readonly Dictionary<string, DeviceState> _byDeviceCode = new Dictionary<string, DeviceState>(StringComparer.Ordinal);
        private readonly Dictionary<string, DeviceState> _byUserCode = new Dictionary<string, DeviceState>(StringComparer.OrdinalIgnoreCase);

        public DeviceAuthorizationService(ZohoEmulator emulator, TokenService tokens)
        {
            _emulator = emulator;
            _tokens = tokens;
        }

        /// <summary>Raised (outside any lock) with the user code when a device code is handed out.</summary>
        public event Action<string>? Issued;

        /// <summary>Raised (outside any lock) with the user code and the poll's answer after each poll.</summary>
        public event Action<string, string>? Polled;

        /// <summary>POST /oauth/v3/device/code (parameters in the query string, as Zoho documents them, or a form body).</summary>
        public EmulatorResponse HandleCode(EmulatorRequest request)
        {
            var p = Parameters(request);
            p.TryGetValue("client_id", out var clientId);
            var clientError = _tokens.CheckClient(clientId, null, checkSecret: false);
            if (clientError != null) return Error(clientError);
            if (!p.TryGetValue("grant_type", out var grant) || grant != "device_request") return Error("unsupported_grant_type");
            if (!p.TryGetValue("scope", out var scope) || string.IsNullOrWhiteSpace(scope)) return Error("invalid_scope");
            var offline = p.TryGetValue("access_type", out var access) && access == "offline";

            var options = _emulator.Options;
            var state = new DeviceState(clientId!, "1004." + RandomHex(16) + "." + RandomHex(16), NewUserCode(), _emulator.Now + options.DeviceCodeLifetime, offline);
            lock (_gate)
            {
                _byDeviceCode[state.DeviceCode] = state;
                _byUserCode[state.UserCode] = state;
            }
            Issued?.Invoke(state.UserCode);
            // Zoho's reference gives interval and expires_in in milliseconds.
            return Zj.Respond(200, new JsonObject
            {
                ["user_code"] = state.UserCode,
                ["device_code"] = state.DeviceCode,
                ["verification_url"] = _emulator.ApiDomain + "/oauth/v3/device",
                ["expires_in"] = (long)options.DeviceCodeLifetime.TotalMilliseconds,
                ["interval"] = (long)(options.DevicePollIntervalAnnounced ?? options.DevicePollInterval).TotalMilliseconds,
            });
        }

        /// <summary>POST {accounts of location}/oauth/v3/device/token.</summary>
        public EmulatorResponse HandleToken(EmulatorRequest request, string location)
        {
            var p = Parameters(request);
            p.TryGetValue("client_id", out var clientId);
            p.TryGetValue("client_secret", out var clientSecret);
            var clientError = _tokens.CheckClient(clientId, clientSecret, checkSecret: true);
            if (clientError != null) return Error(clientError);
            if (!p.TryGetValue("grant_type", out var grant) || grant != "device_token") return Error("unsupported_grant_type");
            p.TryGetValue("code", out var code);

            string answer;
            DeviceState? state;
            EmulatorResponse? tokens = null;
            lock (_gate)
            {
                if (code == null || !_byDeviceCode.TryGetValue(code, out state) || state.Used || state.ClientId != clientId) return Error("invalid_code");
                var now = _emulator.Now;
                var tooSoon = state.LastPoll.HasValue && now - state.LastPoll.Value < _emulator.Options.DevicePollInterval;
                state.LastPoll = now;
                if (now >= state.ExpiresAt) answer = "expired";
                else if (tooSoon) answer = "slow_down";
                else if (state.Decision == Decision.Denied) answer = "access_denied";
                else if (state.Decision == Decision.Pending) answer = "authorization_pending";
                else if (!string.Equals(state.UserLocation, location, StringComparison.OrdinalIgnoreCase)) answer = "other_dc";
                else
                {
                    answer = "granted";
                    state.Used = true;
                    tokens = _tokens.IssueForConsent(state.ClientId, state.Offline);
                }
            }
            Polled?.Invoke(state.UserCode, answer);
            if (tokens != null) return tokens;
            var body = new JsonObject { ["error"] = answer };
            if (answer == "other_dc")
            {
                // Zoho names the user's data centre; the emulator adds where its accounts server is, since its DCs share one host.
                body["user_location"] = state.UserLocation;
                body["accounts_server"] = AccountsServer(state.UserLocation);
            }
            return Zj.Respond(200, body);
        }

        /// <summary>GET /oauth/v3/device: the page where a person enters the user code.</summary>
        public EmulatorResponse Page(string? message = null, int status = 200) => Html(status,
            "<!DOCTYPE html><html><head><title>Zoho emulator: connect a device</title></head><body>"
            + "<h1>Connect a device</h1>" + (message == null ? string.Empty : "<p id=\"message\">" + WebUtility.HtmlEncode(message) + "</p>")
            + "<form method=\"post\" action=\"/oauth/v3/device\">"
            + "<label>Code <input name=\"user_code\" autocomplete=\"off\"></label> "
            + "<label>Your account's data centre <select name=\"dc\"><option>us</option><option>eu</option><option>in</option><option>au</option><option>jp</option><option>ca</option><option>sa</option><option>cn</option></select></label> "
            + "<button name=\"action\" value=\"approve\">Accept</button> <button name=\"action\" value=\"deny\">Reject</button>"
            + "</form></body></html>");

        /// <summary>POST /oauth/v3/device with user_code, action=approve|deny and (optionally) dc, the user's data centre.</summary>
        public EmulatorResponse Decide(EmulatorRequest request)
        {
            var p = Parameters(request);
            p.TryGetValue("user_code", out var userCode);
            p.TryGetValue("action", out var action);
            p.TryGetValue("dc", out var dc);
            if (action != "approve" && action != "deny") return Page("Choose Accept or Reject.", 400);
            var result = Decide(userCode ?? string.Empty, action == "approve", string.IsNullOrEmpty(dc) ? HomeLocation : dc!);
            return result == null ? Page(action == "approve" ? "Access granted. You can close this page." : "Access rejected.") : Page(result, 404);
        }

        /// <summary>Approves or denies a user code; null when done, else why not.</summary>
        public string? Decide(string userCode, bool approve, string userLocation)
        {
            lock (_gate)
            {
                if (!_byUserCode.TryGetValue(userCode.Trim(), out var state) || state.Used) return "That code is not known.";
                if (_emulator.Now >= state.ExpiresAt) return "That code has expired.";
                if (state.Decision != Decision.Pending) return "That code was already used.";
                state.Decision = approve ? Decision.Approved : Decision.Denied;
                state.UserLocation = userLocation.ToLowerInvariant();
                return null;
            }
        }

        /// <summary>Makes every device code handed out so far expire now.</summary>
        public void ExpireAll()
        {
            lock (_gate)
                foreach (var state in _byDeviceCode.Values) state.ExpiresAt = DateTimeOffset.MinValue;
        }

        private string AccountsServer(string location) =>
            string.Equals(location, HomeLocation, StringComparison.OrdinalIgnoreCase) ? _emulator.ApiDomain : _emulator.ApiDomain + "/dc/" + location;

        private static Dictionary<string, string> Parameters(EmulatorRequest request)
        {
            var p = new Dictionary<string, string>(request.Query, StringComparer.Ordinal);
            foreach (var pair in EmulatorRequest.ParseForm(request.Body)) p[pair.Key] = pair.Value;
            return p;
        }

        private static EmulatorResponse Error(string error) => Zj.Respond(200, new JsonObject { ["error"] = error });

        private static EmulatorResponse Html(int status, string html)
        {
            var response = new EmulatorResponse(status, html);
            response.Headers["Content-Type"] = "text/html; charset=utf-8";
            return response;
        }

        /// <summary>Eight letters and digits in two groups (no 0/O or 1/I to misread), as a person types it.</summary>
        private static string NewUserCode()
        {
            const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            var bytes = new byte[8];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var code = new StringBuilder();
            for (var i = 0; i < bytes.Length; i++)
            {
                if (i == 4) code.Append('-');
                code.Append(alphabet[bytes[i] % alphabet.Length]);
            }
            return code.ToString();
        }

        private static string RandomHex(int bytes)
        {
            var buffer = new byte[bytes];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(buffer);
            return BitConverter.ToString(buffer).Replace("-", string.Empty).ToLowerInvariant();
        }

        private enum Decision { Pending, Approved, Denied }

        private sealed class DeviceState
        {
            public DeviceState(string clientId, string deviceCode, string userCode, DateTimeOffset expiresAt, bool offline)
            {
                ClientId = clientId;
                DeviceCode = deviceCode;
                UserCode = userCode;
                ExpiresAt = expiresAt;
                Offline = offline;
            }

            public string ClientId { get; }
            public string DeviceCode { get; }
            public string UserCode { get; }
            public bool Offline { get; }
            public DateTimeOffset ExpiresAt { get; set; }
            public DateTimeOffset? LastPoll { get; set; }
            public Decision Decision { get; set; }
            public string UserLocation { get; set; } = HomeLocation;
            public bool Used { get; set; }
        }
    }
}
