using System.Net.Http;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>What a request is, for deciding whether it may be sent again.</summary>
    internal enum RequestKind
    {
        /// <summary>A GET: repeating it changes nothing.</summary>
        Read,
        /// <summary>POST, PUT, DELETE to the CRM API: Zoho may act on it, so it is repeated only when Zoho surely did not.</summary>
        Change,
        /// <summary>A token request: minting one more token is harmless, so every transient failure is repeated.</summary>
        Token,
    }

    /// <summary>
    /// The per-request classifier of the retry stage. A change is repeated only after an answer
    /// that proves Zoho did nothing (429) or when the request never left; after a 5xx, a lost or
    /// unreadable answer or a timeout, Zoho may have acted, so the caller is told the outcome is
    /// unknown and finds out by reading state (see docs/reliability.md) instead of guessing.
    /// </summary>
    internal static class RepeatRule
    {
        public static RequestKind KindOf(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head ? RequestKind.Read : RequestKind.Change;

        public static bool MayRepeat(RequestKind kind, AttemptFailure failure)
        {
            switch (failure.Kind)
            {
                case FailureKind.Throttled:
                case FailureKind.NotSent:
                case FailureKind.TokenRejected:
                    return true;
                case FailureKind.Final:
                    return false;
                default:
                    return kind != RequestKind.Change;
            }
        }
    }
}
