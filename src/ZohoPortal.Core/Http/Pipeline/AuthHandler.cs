using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Auth;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// Puts the access token on each attempt. When Zoho answers 401 INVALID_TOKEN (it refused
    /// before acting), the token is renewed once for this attempt and the attempt repeated; a
    /// second rejection goes back to the retry stage, which may try again after its backoff.
    /// </summary>
    internal sealed class AuthHandler : DelegatingHandler
    {
        private readonly TokenProvider _tokens;
        private readonly ZohoConnectionOptions _options;
        private readonly Redactor _redactor;
        private readonly bool _canRenew;

        public AuthHandler(TokenProvider tokens, bool canRenew, ZohoConnectionOptions options, Redactor redactor, HttpMessageHandler inner) : base(inner)
        {
            _tokens = tokens;
            _canRenew = canRenew;
            _options = options;
            _redactor = redactor;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = PipelineContext.Of(request);
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode != 401 || !_canRenew) return response;
            var body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var code = ResponseReader.TryReadError(body)?.Code;
            if (code != "INVALID_TOKEN" && code != "INVALID_OAUTHTOKEN") return response;

            response.Dispose();
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(ZohoTraceLevel.Verbose))
                tracer.Write(ZohoTraceLevel.Verbose, _redactor.Redact("Access token rejected (" + code + ", refused before acting); renewing it and repeating " + context.Display));
            var fresh = await _tokens.RenewAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
            var again = context.NewAttempt();
            again.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", fresh);
            return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
        }
    }
}
