using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Json;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// The HTTP pipeline every CRM call goes through: concurrency gate, auth header, token renewal
    /// on 401, per-attempt timeout, retry with backoff, response parsing inside the retry loop (so
    /// a truncated body on a GET is retried like a dropped connection), and redacted tracing.
    /// </summary>
    public sealed class ZohoHttpClient : IDisposable
    {
        private const int MaxTracedBody = 8192;
        private readonly ZohoConnectionOptions _options;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _gate;
        private readonly Redactor _redactor = new Redactor();
        private readonly TokenProvider _tokens;
        private readonly bool _canRenew;

        public ZohoHttpClient(ZohoConnectionOptions options, ZohoCredential credential)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            options.Validate();
            var handler = options.Transport ?? new HttpClientHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            };
            _http = new HttpClient(handler, options.Transport == null || options.DisposeTransport)
            {
                Timeout = Timeout.InfiniteTimeSpan, // the per-attempt timeout is ours, so it can be retried
            };
            _gate = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
            _tokens = new TokenProvider(credential, options, _http, _redactor);
            _canRenew = credential.CanRefresh;
        }

        public ZohoConnectionOptions Options => _options;

        /// <summary>Access tokens minted by this connection so far.</summary>
        public int TokenRefreshCount => _tokens.RefreshCount;
        public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;

        /// <summary>The API base URL in use (known for sure once a token has been obtained).</summary>
        public Uri ApiBaseUrl => _options.ResolveApiUrl(_tokens.ApiDomain);

        /// <summary>Masks every secret this connection knows in <paramref name="text"/>.</summary>
        public string Redact(string? text) => _redactor.Redact(text);

        /// <summary>Makes sure a valid token is held (Connect-ZohoPortal calls it so bad credentials fail at once).</summary>
        public Task EnsureTokenAsync(CancellationToken cancellationToken) => _tokens.GetAccessTokenAsync(cancellationToken);

        /// <summary>Sends <paramref name="request"/> and hands a successful answer to <paramref name="reader"/>.</summary>
        public async Task<T> SendAsync<T>(ZohoRequest request, Func<ZohoResponse, T> reader, CancellationToken cancellationToken)
        {
            var policy = _options.RetryPolicy;
            var renewedToken = false;
            var retry = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                var url = request.BuildRelativeUrl(_options.ApiVersion);
                var attempt = await SendOnceAsync(request, url, token, cancellationToken).ConfigureAwait(false);

                Exception failure;
                TimeSpan? retryAfter = null;
                bool retryable;
                if (attempt.Error != null)
                {
                    failure = attempt.Error;
                    retryable = RetryPolicy.IsIdempotent(request.Method);
                }
                else
                {
                    var response = attempt.Response!;
                    if (response.StatusCode == 401 && !renewedToken && _canRenew && IsExpiredTokenAnswer(response.Body))
                    {
                        renewedToken = true;
                        TraceVerbose("Access token rejected; renewing it and repeating " + request.Method + " " + url);
                        await _tokens.RenewAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (response.StatusCode < 400 || IsBatchAnswer(request, response))
                    {
                        try
                        {
                            return reader(response);
                        }
                        catch (JsonException e)
                        {
                            failure = new ZohoApiException(response.StatusCode, "INVALID_RESPONSE",
                                "The answer to " + request.Method + " " + request.Path + " was not the JSON expected (" + e.Message + ").",
                                null, request.Method.Method, request.Path, e);
                            retryable = RetryPolicy.IsIdempotent(request.Method);
                            retryAfter = null;
                            goto decide;
                        }
                    }

                    failure = ToException(request, response);
                    retryable = RetryPolicy.IsRetryableStatus(response.StatusCode, request.Method);
                    retryAfter = attempt.RetryAfter;
                }

            decide:
                if (!retryable || retry >= policy.MaxRetries) throw failure;
                retry++;
                var delay = policy.GetDelay(retry, retryAfter);
                TraceVerbose("Retry " + retry + " of " + policy.MaxRetries + " for " + request.Method + " " + url + " in "
                    + delay.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s (" + Describe(failure) + ")");
                await _options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsExpiredTokenAnswer(string body)
        {
            var code = TryReadError(body)?.Code;
            return code == "INVALID_TOKEN" || code == "INVALID_OAUTHTOKEN";
        }

        private static bool IsBatchAnswer(ZohoRequest request, ZohoResponse response)
        {
            if (request.BatchWrapperKey == null || (response.StatusCode != 207 && response.StatusCode != 400)) return false;
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    return doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.TryGetProperty(request.BatchWrapperKey, out var items)
                        && items.ValueKind == JsonValueKind.Array;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private ZohoApiException ToException(ZohoRequest request, ZohoResponse response)
        {
            var error = TryReadError(response.Body);
            if (error?.Code != null)
                return new ZohoApiException(response.StatusCode, error.Code, error.Message ?? string.Empty, error.Details, request.Method.Method, request.Path);
            // Per-item errors of a single-item wrapper ({"portals":[{...error...}]}) carry the real reason.
            var item = TryReadFirstWrappedError(response.Body);
            if (item != null)
                return new ZohoApiException(response.StatusCode, item.Code, item.Message, item.Details, request.Method.Method, request.Path);
            var text = response.Body.Length == 0 ? "(empty body)" : Truncate(_redactor.Redact(response.Body), 300);
            return new ZohoApiException(response.StatusCode, "HTTP_" + response.StatusCode, "Unexpected answer: " + text, null, request.Method.Method, request.Path);
        }

        internal static Models.ZohoErrorBody? TryReadError(string body)
        {
            if (string.IsNullOrEmpty(body)) return null;
            try
            {
                var parsed = JsonSerializer.Deserialize(body, ZohoJsonContext.Default.ZohoErrorBody);
                return parsed?.Code == null ? null : parsed;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Models.ZohoActionResult? TryReadFirstWrappedError(string body)
        {
            if (string.IsNullOrEmpty(body)) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
                    foreach (var property in doc.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.Array) continue;
                        foreach (var element in property.Value.EnumerateArray())
                        {
                            var item = element.Deserialize(ZohoJsonContext.Default.ZohoActionResult);
                            if (item != null && !item.IsSuccess && !string.IsNullOrEmpty(item.Code)) return item;
                        }
                    }
                }
            }
            catch (JsonException)
            {
            }
            return null;
        }

        private async Task<Attempt> SendOnceAsync(ZohoRequest request, string relativeUrl, string token, CancellationToken cancellationToken)
        {
            var baseUrl = _options.ResolveApiUrl(_tokens.ApiDomain);
            var stopwatch = Stopwatch.StartNew();
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using (var message = new HttpRequestMessage(request.Method, new Uri(baseUrl, relativeUrl)))
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
                    if (request.JsonBody != null) message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
                    TraceRequestDebug(message, request.JsonBody);
                    timeout.CancelAfter(_options.RequestTimeout);
                    try
                    {
                        using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                        {
                            var body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            var status = (int)response.StatusCode;
                            TraceVerbose("HTTP " + request.Method + " " + relativeUrl + " -> " + status + " (" + stopwatch.ElapsedMilliseconds + " ms)");
                            if (IsDebug) TraceDebug("Response " + status + " headers: " + FormatHeaders(response.Headers) + Environment.NewLine + "Response body: " + Truncate(body, MaxTracedBody));
                            return new Attempt(new ZohoResponse(status, body), ReadRetryAfter(response));
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        TraceVerbose("HTTP " + request.Method + " " + relativeUrl + " -> timed out after " + stopwatch.ElapsedMilliseconds + " ms");
                        return new Attempt(new ZohoTransportException(request.Method + " " + request.Path + " got no answer within "
                            + _options.RequestTimeout.TotalSeconds + " s.", null));
                    }
                    catch (Exception e) when (e is HttpRequestException || e is IOException)
                    {
                        TraceVerbose("HTTP " + request.Method + " " + relativeUrl + " -> network error after " + stopwatch.ElapsedMilliseconds + " ms: " + _redactor.Redact(e.Message));
                        return new Attempt(new ZohoTransportException(request.Method + " " + request.Path + " failed: "
                            + _redactor.Redact(Innermost(e).Message), null));
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue) return header.Date.Value - DateTimeOffset.UtcNow;
            return null;
        }

        private static string Describe(Exception e) =>
            e is ZohoApiException api ? api.Code + (api.HttpStatus > 0 ? " HTTP " + api.HttpStatus : string.Empty) : e.Message;

        private bool IsDebug => _options.Tracer != null && _options.Tracer.IsEnabled(ZohoTraceLevel.Debug);

        private void TraceRequestDebug(HttpRequestMessage message, string? body)
        {
            if (!IsDebug) return;
            var text = "Request " + message.Method + " " + message.RequestUri + Environment.NewLine
                + "Request headers: " + FormatHeaders(message.Headers)
                + (body == null ? string.Empty : Environment.NewLine + "Request body: " + Truncate(body, MaxTracedBody));
            TraceDebug(text);
        }

        private static string FormatHeaders(HttpHeaders headers)
        {
            var sb = new StringBuilder();
            foreach (var header in headers)
            {
                if (sb.Length > 0) sb.Append("; ");
                sb.Append(header.Key).Append(": ").Append(string.Join(",", header.Value));
            }
            return sb.ToString();
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "... (" + text.Length + " chars)";

        private void TraceVerbose(string message) => Trace(ZohoTraceLevel.Verbose, message);
        private void TraceDebug(string message) => Trace(ZohoTraceLevel.Debug, message);

        private void Trace(ZohoTraceLevel level, string message)
        {
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(level)) tracer.Write(level, _redactor.Redact(message));
        }

        public void Dispose()
        {
            _http.Dispose();
            _gate.Dispose();
        }

        private readonly struct Attempt
        {
            public Attempt(ZohoResponse response, TimeSpan? retryAfter)
            {
                Response = response;
                RetryAfter = retryAfter;
                Error = null;
            }

            public Attempt(Exception error)
            {
                Response = null;
                RetryAfter = null;
                Error = error;
            }

            public ZohoResponse? Response { get; }
            public TimeSpan? RetryAfter { get; }
            public Exception? Error { get; }
        }
    }
}
