using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http.Pipeline;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// The HTTP pipeline every CRM call goes through, a chain of small handlers:
    /// retry (per-request repeat rule) → auth (token, one renewal on 401) → concurrency gate →
    /// trace (redacted) → per-attempt timeout (on IClock) → transport. Token requests take
    /// retry → trace → timeout → transport. See docs/reliability.md.
    /// </summary>
    public sealed class ZohoHttpClient : IDisposable
    {
        private readonly ZohoConnectionOptions _options;
        private readonly HttpMessageHandler _transport;
        private readonly bool _disposeTransport;
        private readonly ConcurrencyGateHandler _gate;
        private readonly HttpMessageInvoker _api;
        private readonly HttpMessageInvoker _accounts;
        private readonly Redactor _redactor = new Redactor();
        private readonly TokenProvider _tokens;
        private readonly bool _canRenew;

        public ZohoHttpClient(ZohoConnectionOptions options, ZohoCredential credential)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            options.Validate();
            _transport = options.Transport ?? new HttpClientHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
                // Zoho's API does not redirect; following one could carry the token to another host.
                AllowAutoRedirect = false,
            };
            _disposeTransport = options.Transport == null || options.DisposeTransport;

            var accountsChain = new RetryHandler(options, _redactor, new TraceHandler(options, _redactor, new AttemptTimeoutHandler(options, _transport)));
            _accounts = new HttpMessageInvoker(accountsChain, false);
            _tokens = new TokenProvider(credential, options, _accounts, _redactor);
            _canRenew = credential.CanRefresh;

            _gate = new ConcurrencyGateHandler(options.MaxConcurrency, new TraceHandler(options, _redactor, new AttemptTimeoutHandler(options, _transport)));
            var apiChain = new RetryHandler(options, _redactor, new AuthHandler(_tokens, credential.CanRefresh, options, _redactor, _gate));
            _api = new HttpMessageInvoker(apiChain, false);
        }

        public ZohoConnectionOptions Options => _options;

        /// <summary>Access tokens minted by this connection so far.</summary>
        public int TokenRefreshCount => _tokens.RefreshCount;
        public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;

        /// <summary>The API base URL in use (known for sure once a token has been obtained).</summary>
        public Uri ApiBaseUrl => _options.ResolveApiUrl(_tokens.ApiDomain);

        /// <summary>Masks every secret this connection knows in <paramref name="text"/>.</summary>
        public string Redact(string? text) => _redactor.Redact(text);

        /// <summary>
        /// Makes sure a valid token is held (Connect-ZohoPortal calls it so bad credentials fail at
        /// once). It returns nothing: no public member hands out the token itself.
        /// </summary>
        public async Task EnsureTokenAsync(CancellationToken cancellationToken) =>
            await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);

        /// <summary>Sends <paramref name="request"/> and hands a successful answer to <paramref name="reader"/>.</summary>
        public async Task<T> SendAsync<T>(ZohoRequest request, Func<ZohoResponse, T> reader, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            // The first token answer names the API host (api_domain), so get it before building the URL.
            await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var url = Validation.BaseUrlRules.Join(ApiBaseUrl, request.BuildRelativeUrl(_options.ApiVersion));
            var display = request.Method.Method + " " + request.Path;

            var result = default(T)!;
            AttemptFailure? Judge(int status, string body, TimeSpan? retryAfter)
            {
                var response = new ZohoResponse(status, body);
                if (status < 400 || ResponseReader.IsBatchAnswer(request, response))
                {
                    try
                    {
                        result = reader(response);
                        return null;
                    }
                    catch (JsonException e)
                    {
                        return new AttemptFailure(FailureKind.Unreadable, new ZohoApiException(status, "INVALID_RESPONSE",
                            "The answer to " + display + " was not the JSON expected (" + e.Message + ").", null, request.Method.Method, request.Path, e), null, status);
                    }
                }
                var error = ResponseReader.ToException(request, response, _redactor);
                var kind = status == 429 ? FailureKind.Throttled
                    : status >= 500 ? FailureKind.ServerError
                    : status == 401 && _canRenew && (error.Code == "INVALID_TOKEN" || error.Code == "INVALID_OAUTHTOKEN") ? FailureKind.TokenRejected
                    // A 4xx is Zoho's verdict only when it can be read as one; a cut or foreign body says nothing about what was done.
                    : error.Code == "HTTP_" + status ? FailureKind.Unreadable
                    : FailureKind.Final;
                return new AttemptFailure(kind, error, retryAfter, status);
            }

            var body = request.JsonBody == null ? null : Encoding.UTF8.GetBytes(request.JsonBody);
            var context = new PipelineContext(RepeatRule.KindOf(request.Method), request.Method, url, display, body, "application/json", Judge);
            using (var template = new HttpRequestMessage(request.Method, url))
            {
                context.AttachTo(template);
                using (await _api.SendAsync(template, cancellationToken).ConfigureAwait(false))
                    return result;
            }
        }

        public void Dispose()
        {
            _api.Dispose();
            _accounts.Dispose();
            _gate.Dispose();
            if (_disposeTransport) _transport.Dispose();
        }
    }
}
