using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// The outermost stage: sends attempts until one is judged good, a failure may not be repeated
    /// (<see cref="RepeatRule"/>), or the retries are used up. Every repeat is decided here and
    /// traced on -Verbose with its reason. A change whose answer was lost surfaces as
    /// <see cref="ZohoOutcomeUnknownException"/>, so the caller can read state instead of guessing.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly ZohoConnectionOptions _options;
        private readonly Redactor _redactor;

        public RetryHandler(ZohoConnectionOptions options, Redactor redactor, HttpMessageHandler inner) : base(inner)
        {
            _options = options;
            _redactor = redactor;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage template, CancellationToken cancellationToken)
        {
            var context = PipelineContext.Of(template);
            var policy = _options.RetryPolicy;
            for (var retry = 0; ; retry++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AttemptFailure failure;
                try
                {
                    var response = await base.SendAsync(context.NewAttempt(), cancellationToken).ConfigureAwait(false);
                    var body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var judged = context.Judge((int)response.StatusCode, body, ReadRetryAfter(response));
                    if (judged == null) return response;
                    response.Dispose();
                    failure = judged;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (TransportFailures.IsTransportFailure(e))
                {
                    failure = TransportFailures.Classify(e, context, _redactor);
                }

                if (!RepeatRule.MayRepeat(context.Kind, failure) || retry >= policy.MaxRetries) throw Surface(context, failure);
                var delay = policy.GetDelay(retry + 1, failure.RetryAfter);
                Trace("Retry " + (retry + 1) + " of " + policy.MaxRetries + " for " + context.Display + " in "
                      + delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s (" + failure.Describe() + ")");
                await _options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private Exception Surface(PipelineContext context, AttemptFailure failure)
        {
            if (context.Kind != RequestKind.Change || !failure.ServerMayHaveActed) return failure.Error;
            Trace(context.Display + ": the answer was lost (" + failure.Describe() + ") and Zoho may have acted; not repeated.");
            var api = failure.Error as ZohoApiException;
            return new ZohoOutcomeUnknownException(context.Method.Method, context.Display, api?.Code ?? "TRANSPORT_ERROR",
                failure.Error.Message, failure.HttpStatus, failure.Error, failure.Kind == FailureKind.TimedOut);
        }

        private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue) return header.Date.Value - DateTimeOffset.UtcNow;
            return null;
        }

        private void Trace(string message)
        {
            var tracer = _options.Tracer;
            if (tracer != null && tracer.IsEnabled(ZohoTraceLevel.Verbose)) tracer.Write(ZohoTraceLevel.Verbose, _redactor.Redact(message));
        }
    }
}
