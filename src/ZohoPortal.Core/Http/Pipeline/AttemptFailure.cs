using System;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>What went wrong with one attempt, as far as deciding about a repeat goes.</summary>
    internal enum FailureKind
    {
        /// <summary>The server refused before doing anything (429): any request may be repeated.</summary>
        Throttled,
        /// <summary>The request never left (connection refused, host not found): any request may be repeated.</summary>
        NotSent,
        /// <summary>401 INVALID_TOKEN even after renewing the token for this attempt: refused before acting, so repeatable while a token can be minted.</summary>
        TokenRejected,
        /// <summary>5xx: a gateway or the server failed, possibly after the work was done.</summary>
        ServerError,
        /// <summary>An answer arrived but could not be read (cut body, truncated JSON).</summary>
        Unreadable,
        /// <summary>The connection dropped after the request went out (reset, cut stream, a refused silent re-send).</summary>
        Lost,
        /// <summary>No answer within the per-attempt timeout.</summary>
        TimedOut,
        /// <summary>A definite answer (4xx, a credential refusal): repeating would get the same one.</summary>
        Final,
    }

    /// <summary>One failed attempt: its kind, the error it would surface as, and a Retry-After if the server sent one.</summary>
    internal sealed class AttemptFailure
    {
        public AttemptFailure(FailureKind kind, Exception error, TimeSpan? retryAfter = null, int httpStatus = 0)
        {
            Kind = kind;
            Error = error;
            RetryAfter = retryAfter;
            HttpStatus = httpStatus;
        }

        public FailureKind Kind { get; }
        public Exception Error { get; }
        public TimeSpan? RetryAfter { get; }
        public int HttpStatus { get; }

        /// <summary>Whether the server may have carried out the request although the answer says otherwise or never came.</summary>
        public bool ServerMayHaveActed => Kind == FailureKind.ServerError || Kind == FailureKind.Unreadable
                                          || Kind == FailureKind.Lost || Kind == FailureKind.TimedOut;

        public string Describe()
        {
            switch (Error)
            {
                case Errors.ZohoApiException api: return api.Code + (api.HttpStatus > 0 ? " HTTP " + api.HttpStatus : string.Empty);
                default: return Error.Message;
            }
        }
    }
}
