using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Emulator.Endpoints;
using ZohoPortal.Emulator.Faults;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.OAuth;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator
{
    /// <summary>
    /// A stateful emulation of one Zoho CRM org's portal API and of the Zoho Accounts token
    /// endpoint. Plug it in-process with <see cref="CreateHandler"/>, or serve it on loopback with
    /// <see cref="EmulatorServer"/>.
    /// </summary>
    public sealed class ZohoEmulator
    {
        /// <summary>The client id of the emulator's built-in demo client.</summary>
        public const string DemoClientId = "1000.ZOHOPORTALEMULATORDEMO";
        /// <summary>The built-in demo client's secret (not a real secret: the emulator is local).</summary>
        public const string DemoClientSecret = "emulator-demo-client-secret";

        /// <summary>The emulated org's id, as client credentials name it: soid=ZohoCRM.{id}.</summary>
        public const string DemoOrganizationId = "20099000001";

        private readonly Router _router = new Router();
        private readonly TokenService _tokens;
        private readonly DeviceAuthorizationService _devices;
        private int _inFlight;
        private int _peakInFlight;

        public ZohoEmulator(EmulatorOptions? options = null)
        {
            Options = options ?? new EmulatorOptions();
            _tokens = new TokenService(this, DemoClientId, DemoClientSecret);
            DemoRefreshToken = _tokens.CreateRefreshToken(DemoClientId);
            _devices = new DeviceAuthorizationService(this, _tokens);
            ApiDomain = Options.BaseUrl.GetLeftPart(UriPartial.Authority);
            DemoOrgSeeder.Seed(Org, Options.Seed, Now);

            PortalMetaEndpoints.Register(_router); // before PortalEndpoints: "meta" is not a portal name
            PortalEndpoints.Register(_router);
            UserTypeEndpoints.Register(_router);
            UserEndpoints.Register(_router);
            InviteEndpoints.Register(_router);
            FieldMetaEndpoints.Register(_router);
        }

        public EmulatorOptions Options { get; }
        public OrgState Org { get; } = new OrgState();
        public FaultInjector Faults { get; } = new FaultInjector();
        public RequestLog RequestLog { get; } = new RequestLog();

        /// <summary>
        /// The most API requests that were in flight at once since the emulator started or since
        /// <see cref="ResetPeakInFlight"/>, throttled ones included: how a benchmark sees a client's real concurrency.
        /// </summary>
        public int PeakInFlight => Volatile.Read(ref _peakInFlight);

        /// <summary>Starts <see cref="PeakInFlight"/> again from the requests in flight now.</summary>
        public void ResetPeakInFlight() => Volatile.Write(ref _peakInFlight, Volatile.Read(ref _inFlight));

        /// <summary>A refresh token of the demo client, valid until revoked.</summary>
        public string DemoRefreshToken { get; }

        /// <summary>The api_domain announced in token answers.</summary>
        public string ApiDomain { get; internal set; }

        /// <summary>Access tokens minted so far (tests use it to prove single-flight renewal).</summary>
        public int AccessTokensIssued => _tokens.AccessTokensIssued;

        internal DateTimeOffset Now => Options.Clock();

        /// <summary>The org id client credentials must name (soid=ZohoCRM.{id}).</summary>
        public string OrganizationId => DemoOrganizationId;

        /// <summary>A new refresh token for the demo client (each has its own minting allowance).</summary>
        public string CreateRefreshToken() => _tokens.CreateRefreshToken(DemoClientId);

        /// <summary>A self-client grant code for the demo client, valid for <paramref name="lifetime"/> (default 3 minutes).</summary>
        public string CreateGrantCode(TimeSpan? lifetime = null) => _tokens.CreateGrantCode(DemoClientId, lifetime ?? TimeSpan.FromMinutes(3));

        /// <summary>Makes every access token issued so far expire now.</summary>
        public void ExpireAccessTokens() => _tokens.ExpireAllAccessTokens();

        /// <summary>Raised with the user code whenever a device asks for a device code (tests use it to know when to approve).</summary>
        public event Action<string>? DeviceCodeIssued
        {
            add => _devices.Issued += value;
            remove => _devices.Issued -= value;
        }

        /// <summary>Raised after each device-token poll with the user code and the answer (authorization_pending, slow_down, other_dc, access_denied, expired, granted).</summary>
        public event Action<string, string>? DeviceTokenPolled
        {
            add => _devices.Polled += value;
            remove => _devices.Polled -= value;
        }

        /// <summary>
        /// What a person does on the verification page: approves or denies <paramref name="userCode"/>,
        /// signed in to an account of data centre <paramref name="userLocation"/> (us is this emulator's
        /// own; another makes the device hear other_dc). Null when done, else why not.
        /// </summary>
        public string? DecideDeviceCode(string userCode, bool approve, string userLocation = "us") => _devices.Decide(userCode, approve, userLocation);

        /// <summary>Makes every device code handed out so far expire now (the next poll hears expired).</summary>
        public void ExpireDeviceCodes() => _devices.ExpireAll();

        /// <summary>An <see cref="HttpMessageHandler"/> that answers in-process, without a socket.</summary>
        public HttpMessageHandler CreateHandler() => new EmulatorHandler(this);

        /// <summary>
        /// The emulator behind a handler made by <see cref="CreateHandler"/>, or null for any other
        /// handler. Lets a connection's transport lead back to its emulated org.
        /// </summary>
        public static ZohoEmulator? FromHandler(HttpMessageHandler? handler) => (handler as EmulatorHandler)?.Emulator;

        /// <summary>Answers one request: faults, token endpoint, authentication, concurrency limit, then the API.</summary>
        public async Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken = default)
        {
            var received = Now;
            var fault = Faults.Take(request.Method, request.Path);
            var before = fault != null && !IsAfterActing(fault) ? fault : null;
            var after = fault != null && IsAfterActing(fault) ? fault : null;
            EmulatorResponse response;
            int? answeredStatus = null;
            string? answeredBody = null;
            if (before != null && before.Kind == FaultKind.ExpireToken) _tokens.ExpireAllAccessTokens();
            if (before != null && before.Kind == FaultKind.Delay) await Options.Wait(before.Delay, cancellationToken).ConfigureAwait(false);

            if (before != null && IsImmediateFault(before.Kind))
            {
                response = FaultResponse(before);
            }
            else
            {
                response = await ActAsync(request, cancellationToken).ConfigureAwait(false);
                answeredStatus = response.Status;
                // The real answer to a change, kept even when a fault loses it, so tests can tell what was done.
                if (request.Method != "GET") answeredBody = response.Body;
                if (before != null && before.Kind == FaultKind.TruncatedJson) Truncate(response);
                if (before != null && before.Kind == FaultKind.CutBody) response.CutBody = true;
                if (after != null) response = await LoseAnswerAsync(after, response, cancellationToken).ConfigureAwait(false);
            }

            RequestLog.Add(request.Method, request.Path, request.RawQuery, response.AbortConnection ? 0 : response.Status, Now,
                after != null ? after.Kind + " after acting" : before?.Kind.ToString(), answeredStatus, answeredBody, received);
            return response;
        }

        private async Task<EmulatorResponse> ActAsync(EmulatorRequest request, CancellationToken cancellationToken)
        {
            // Accounts servers of other data centres share this host under /dc/{location}/ (the device flow's other_dc).
            var path = request.Path;
            var location = DeviceAuthorizationService.HomeLocation;
            if (path.StartsWith("/dc/", StringComparison.Ordinal))
            {
                var end = path.IndexOf('/', 4);
                if (end > 4)
                {
                    location = path.Substring(4, end - 4).ToLowerInvariant();
                    path = path.Substring(end);
                }
            }
            path = path.TrimEnd('/');
            if (path == "/oauth/v3/device")
                return request.Method == "GET" ? _devices.Page() : request.Method == "POST" ? _devices.Decide(request) : Zj.Fail(405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
            if (!path.StartsWith("/oauth/", StringComparison.Ordinal))
                return await HandleApiAsync(request, cancellationToken).ConfigureAwait(false);
            return request.Method != "POST"
                ? Zj.Fail(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one")
                : path == "/oauth/v2/token/revoke" ? _tokens.HandleRevoke(request)
                : path == "/oauth/v2/token" ? _tokens.HandleToken(request)
                : path == "/oauth/v3/device/code" ? _devices.HandleCode(request)
                : path == "/oauth/v3/device/token" ? _devices.HandleToken(request, location)
                : Zj.Fail(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        }

        /// <summary>The request has been carried out; now its answer is lost the way the fault says.</summary>
        private async Task<EmulatorResponse> LoseAnswerAsync(EmulatorFault fault, EmulatorResponse done, CancellationToken cancellationToken)
        {
            switch (fault.Kind)
            {
                case FaultKind.Delay:
                    await Options.Wait(fault.Delay, cancellationToken).ConfigureAwait(false);
                    return done;
                case FaultKind.TruncatedJson:
                    Truncate(done);
                    return done;
                case FaultKind.CutBody:
                    done.CutBody = true;
                    return done;
                default:
                    return FaultResponse(fault);
            }
        }

        private static void Truncate(EmulatorResponse response)
        {
            if (response.Body.Length > 1) response.Body = response.Body.Substring(0, response.Body.Length / 2);
        }

        private static bool IsAfterActing(EmulatorFault fault) =>
            fault.AfterActing && fault.Kind != FaultKind.TooManyRequests && fault.Kind != FaultKind.ExpireToken;

        private async Task<EmulatorResponse> HandleApiAsync(EmulatorRequest request, CancellationToken cancellationToken)
        {
            var auth = Authenticate(request);
            if (auth != null) return auth;

            var inFlight = Interlocked.Increment(ref _inFlight);
            RaisePeak(inFlight);
            try
            {
                if (inFlight > Options.ConcurrencyLimit)
                {
                    var throttled = Zj.Fail(429, "TOO_MANY_REQUESTS", "You have exceeded the concurrency limit of your organization.");
                    if (Options.RetryAfter.HasValue) throttled.Headers["Retry-After"] = ((int)Math.Ceiling(Options.RetryAfter.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return throttled;
                }
                if (Options.Latency > TimeSpan.Zero) await Task.Delay(Options.Latency, cancellationToken).ConfigureAwait(false);
                if (Options.Sandbox)
                    return Zj.Fail(400, "API_NOT_SUPPORTED", "api not supported in sandbox", Zj.Details(("unsupported_environment", "sandbox")));
                return _router.Dispatch(request, this);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private void RaisePeak(int inFlight)
        {
            var peak = Volatile.Read(ref _peakInFlight);
            while (inFlight > peak)
            {
                var seen = Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak);
                if (seen == peak) return;
                peak = seen;
            }
        }

        private EmulatorResponse? Authenticate(EmulatorRequest request)
        {
            if (!request.Headers.TryGetValue("Authorization", out var header) || string.IsNullOrWhiteSpace(header))
                return Zj.Fail(401, "AUTHENTICATION_FAILURE", "Authentication failed");
            const string prefix = "Zoho-oauthtoken ";
            if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !_tokens.IsValidAccessToken(header.Substring(prefix.Length).Trim()))
                return Zj.Fail(401, "INVALID_TOKEN", "invalid oauth token");
            return null;
        }

        private static bool IsImmediateFault(FaultKind kind) =>
            kind == FaultKind.TooManyRequests || kind == FaultKind.InternalError || kind == FaultKind.ServiceUnavailable || kind == FaultKind.ConnectionReset;

        private static EmulatorResponse FaultResponse(EmulatorFault fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.TooManyRequests:
                    var r = Zj.Fail(429, "TOO_MANY_REQUESTS", "You have made too many requests. Please try again later.");
                    if (fault.RetryAfter.HasValue) r.Headers["Retry-After"] = ((int)Math.Ceiling(fault.RetryAfter.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return r;
                case FaultKind.InternalError:
                    return Zj.Fail(500, "INTERNAL_ERROR", "Internal Server Error");
                case FaultKind.ServiceUnavailable:
                    return new EmulatorResponse(503, "<html><body>Service Temporarily Unavailable</body></html>");
                default:
                    return new EmulatorResponse(0, string.Empty) { AbortConnection = true };
            }
        }
    }
}
