using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// The connection's one concurrency limiter: at most MaxConcurrency attempts on the wire.
    /// It holds a slot per attempt, not per request, so a request backing off frees its slot.
    /// Token requests do not pass here: a renewal must never wait behind the calls that need it.
    /// </summary>
    internal sealed class ConcurrencyGateHandler : DelegatingHandler
    {
        private readonly SemaphoreSlim _gate;

        public ConcurrencyGateHandler(int maxConcurrency, HttpMessageHandler inner) : base(inner) =>
            _gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _gate.Dispose();
            // The inner handlers belong to the client, which disposes the transport itself.
        }
    }
}
