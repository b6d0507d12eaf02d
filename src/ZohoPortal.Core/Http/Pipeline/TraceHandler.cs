using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// One -Verbose line per attempt (method, path and query, status or failure, time, attempt
    /// number when it is a repeat) and, under -Debug, headers and bodies. Everything goes through
    /// the connection's <see cref="Redactor"/> first.
    /// </summary>
    internal sealed class TraceHandler : DelegatingHandler
    {
        private const int MaxTracedBody = 8192;
        private readonly ZohoConnectionOptions _options;
        private readonly Redactor _redactor;

        public TraceHandler(ZohoConnectionOptions options, Redactor redactor, HttpMessageHandler inner) : base(inner)
        {
            _options = options;
            _redactor = redactor;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = PipelineContext.Of(request);
            var line = "HTTP " + request.Method + " " + request.RequestUri?.PathAndQuery;
            var attempt = context.Attempts > 1 ? ", attempt " + context.Attempts : string.Empty;
            if (IsEnabled(ZohoTraceLevel.Debug))
            {
                var body = context.BodyText;
                Write(ZohoTraceLevel.Debug, "Request " + request.Method + " " + request.RequestUri + Environment.NewLine
                    + "Request headers: " + FormatHeaders(request.Headers)
                    + (body == null ? string.Empty : Environment.NewLine + "Request body: " + Truncate(body, MaxTracedBody)));
            }
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                Write(ZohoTraceLevel.Verbose, line + " -> " + status + " (" + stopwatch.ElapsedMilliseconds + " ms" + attempt + ")");
                if (IsEnabled(ZohoTraceLevel.Debug))
                {
                    var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    Write(ZohoTraceLevel.Debug, "Response " + status + " headers: " + FormatHeaders(response.Headers) + Environment.NewLine
                        + "Response body: " + Truncate(text, MaxTracedBody));
                }
                return response;
            }
            catch (AttemptTimedOutException e)
            {
                Write(ZohoTraceLevel.Verbose, line + " -> timed out after " + stopwatch.ElapsedMilliseconds + " ms (limit " + e.Timeout.TotalSeconds + " s" + attempt + ")");
                throw;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && TransportFailures.IsTransportFailure(e))
            {
                Write(ZohoTraceLevel.Verbose, line + " -> network error after " + stopwatch.ElapsedMilliseconds + " ms" + attempt + ": " + TransportFailures.Innermost(e).Message);
                throw;
            }
        }

        private bool IsEnabled(ZohoTraceLevel level) => _options.Tracer != null && _options.Tracer.IsEnabled(level);

        private void Write(ZohoTraceLevel level, string message)
        {
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(level)) tracer.Write(level, _redactor.Redact(message));
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

        protected override void Dispose(bool disposing)
        {
            // The transport belongs to the client, which disposes it itself.
        }
    }
}
