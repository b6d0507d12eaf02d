using System;
using System.Net.Http;
using System.Threading;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>
    /// What the pipeline stages know about one logical request: how to build each attempt (every
    /// attempt is a fresh message with a fresh send-once body), what kind of request it is, and how
    /// to judge an answer. It travels with the message through the handler chain.
    /// </summary>
    internal sealed class PipelineContext
    {
        private const string Key = "ZohoPortal.Pipeline";
        private readonly byte[]? _body;
        private readonly string? _mediaType;
        private int _attempts;

        public PipelineContext(RequestKind kind, HttpMethod method, Uri url, string display, byte[]? body, string? mediaType,
            Func<int, string, TimeSpan?, AttemptFailure?> judge)
        {
            Kind = kind;
            Method = method;
            Url = url;
            Display = display;
            _body = body;
            _mediaType = mediaType;
            Judge = judge;
        }

        public RequestKind Kind { get; }
        public HttpMethod Method { get; }
        public Uri Url { get; }
        /// <summary>"METHOD /path" without the query, for messages.</summary>
        public string Display { get; }
        /// <summary>The request body as text, for -Debug (null when there is none).</summary>
        public string? BodyText => _body == null || _body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(_body);

        /// <summary>Judges an answer: null when it is the one wanted (the caller's reader has taken it), else why not.</summary>
        public Func<int, string, TimeSpan?, AttemptFailure?> Judge { get; }

        /// <summary>Attempts handed to the transport so far.</summary>
        public int Attempts => Volatile.Read(ref _attempts);
        /// <summary>The body of the latest attempt (null for reads), to tell whether it started going out.</summary>
        public SendOnceContent? LastContent { get; private set; }

        /// <summary>A fresh message for the next attempt, carrying this context.</summary>
        public HttpRequestMessage NewAttempt()
        {
            Interlocked.Increment(ref _attempts);
            var message = new HttpRequestMessage(Method, Url);
            if (Kind != RequestKind.Read)
            {
                // Every change carries a body, even an empty one (see SendOnceContent).
                LastContent = new SendOnceContent(_body ?? Array.Empty<byte>(), _body == null ? null : _mediaType);
                message.Content = LastContent;
            }
            message.Properties[Key] = this;
            return message;
        }

        /// <summary>Makes <paramref name="message"/> (the template handed to the chain) carry this context.</summary>
        public void AttachTo(HttpRequestMessage message) => message.Properties[Key] = this;

        public static PipelineContext Of(HttpRequestMessage message) =>
            message.Properties.TryGetValue(Key, out var value) && value is PipelineContext context
                ? context
                : throw new InvalidOperationException("This handler only sends requests built by the ZohoPortal pipeline.");
    }
}
