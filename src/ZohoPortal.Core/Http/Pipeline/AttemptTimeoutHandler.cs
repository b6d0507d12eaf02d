using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// Bounds one attempt, headers and body, by the connection's RequestTimeout on its
    /// <see cref="IClock"/> (so tests drive it with emulated time). The body is read here, inside
    /// the bound, so a body cut or stalled mid-way is this attempt's failure.
    /// </summary>
    internal sealed class AttemptTimeoutHandler : DelegatingHandler
    {
        private readonly ZohoConnectionOptions _options;

        public AttemptTimeoutHandler(ZohoConnectionOptions options, HttpMessageHandler inner) : base(inner) => _options = options;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var timeout = _options.RequestTimeout;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var timerStop = new CancellationTokenSource())
            {
                var fired = 0;
                _ = _options.Clock.Timer(timeout, timerStop.Token).ContinueWith(t =>
                {
                    if (t.Status != TaskStatus.RanToCompletion) return;
                    Interlocked.Exchange(ref fired, 1);
                    try { attempt.Cancel(); } catch (ObjectDisposedException) { }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
                    if (response.Content != null)
                    {
                        // netstandard2.0 has no cancellable LoadIntoBufferAsync: dropping the response ends a stalled read.
                        var answer = response;
                        using (attempt.Token.Register(() => answer.Dispose()))
                            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                        attempt.Token.ThrowIfCancellationRequested();
                    }
                    return response;
                }
                catch (Exception) when (Volatile.Read(ref fired) == 1 && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw new AttemptTimedOutException(timeout);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw new OperationCanceledException(cancellationToken);
                }
                finally
                {
                    timerStop.Cancel();
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            // The transport belongs to the client, which disposes it itself.
        }
    }
}
