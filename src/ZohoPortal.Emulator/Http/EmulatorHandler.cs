using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Emulator.Http
{
    /// <summary>Plugs the emulator into an HttpClient without a socket.</summary>
    internal sealed class EmulatorHandler : HttpMessageHandler
    {
        private readonly ZohoEmulator _emulator;

        public EmulatorHandler(ZohoEmulator emulator) => _emulator = emulator;

        /// <summary>The emulator this handler answers for (found again from a connection's transport).</summary>
        public ZohoEmulator Emulator => _emulator;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers) headers[h.Key] = string.Join(",", h.Value);
            var body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (request.Content != null)
                foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(",", h.Value);

            var uri = request.RequestUri ?? throw new InvalidOperationException("Request has no URI.");
            var emulated = new EmulatorRequest(request.Method.Method, uri.AbsolutePath, uri.Query, headers, body);
            var response = await _emulator.HandleAsync(emulated, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (response.AbortConnection)
                throw new HttpRequestException("The emulator reset the connection.", new IOException("Connection reset by peer"));

            var message = new HttpResponseMessage((HttpStatusCode)response.Status) { RequestMessage = request };
            message.Content = response.CutBody
                ? (HttpContent)new CutBodyContent(Encoding.UTF8.GetBytes(response.Body))
                : new StringContent(response.Body, Encoding.UTF8, "application/json");
            foreach (var h in response.Headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return message;
        }
    }

    /// <summary>A body that stops half-way with a dropped connection, as a cut answer looks to a client.</summary>
    internal sealed class CutBodyContent : HttpContent
    {
        private readonly byte[] _bytes;

        public CutBodyContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes, 0, _bytes.Length / 2).ConfigureAwait(false);
            throw new IOException("The emulator cut the answer's body half-way (connection reset by peer).");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
