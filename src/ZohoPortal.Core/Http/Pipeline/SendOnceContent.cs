using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// The body of every request that changes something, even an empty one. .NET's HTTP stack
    /// silently sends a request again when a pooled connection drops before the answer, but only
    /// while no body has started to go out (checked on .NET 10: a POST without content went out 4
    /// times, one with content once). Giving every change a body closes that door, and this content
    /// refuses a second serialisation outright, so a repeat can only ever be the module's own.
    /// </summary>
    internal sealed class SendOnceContent : HttpContent
    {
        private readonly byte[] _bytes;
        private int _serialisations;

        public SendOnceContent(byte[] bytes, string? mediaType)
        {
            _bytes = bytes;
            if (mediaType != null) Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        /// <summary>True once the transport started writing the body: the request may have reached the server.</summary>
        public bool Started => Volatile.Read(ref _serialisations) > 0;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (Interlocked.Increment(ref _serialisations) > 1) throw new SilentResendRefusedException();
            return stream.WriteAsync(_bytes, 0, _bytes.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }

    /// <summary>The transport tried to send a request a second time on its own; refused, because the first may have been acted on.</summary>
    internal sealed class SilentResendRefusedException : InvalidOperationException
    {
        public SilentResendRefusedException()
            : base("The HTTP transport tried to send this request again on its own after a dropped connection; refused, because the first attempt may have reached Zoho.")
        {
        }
    }
}
