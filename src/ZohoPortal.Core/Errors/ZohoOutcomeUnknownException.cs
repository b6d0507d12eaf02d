using System;

namespace ZohoPortal.Core.Errors
{
    /// <summary>
    /// A change was sent but its answer was lost (connection dropped after sending, a 5xx that a
    /// gateway may give after the work was done, an unreadable answer, no answer in time), so
    /// whether Zoho acted is unknown. It is never repeated blindly: the client reads state where
    /// the API allows; where it does not, this is what the caller gets.
    /// </summary>
    public sealed class ZohoOutcomeUnknownException : ZohoApiException
    {
        /// <summary>The code per-item results carry for users or records whose outcome is unknown.</summary>
        public const string OutcomeUnknownCode = "OUTCOME_UNKNOWN";

        public ZohoOutcomeUnknownException(string method, string display, string causeCode, string causeMessage, int httpStatus, Exception? inner, bool timedOut = false)
            : base(httpStatus, OutcomeUnknownCode,
                display + " was sent, but its answer was lost (" + causeCode + ": " + causeMessage + "); Zoho may or may not have carried it out.",
                null, method, display, inner)
        {
            CauseCode = causeCode;
            CauseMessage = causeMessage;
            TimedOut = timedOut;
        }

        /// <summary>
        /// No answer came within the timeout: unlike a dropped or refused answer, Zoho may still be
        /// working on the request, so a read that shows nothing done yet is not the last word.
        /// </summary>
        public bool TimedOut { get; }

        /// <summary>What was seen instead of an answer: Zoho's code for a 5xx, else TRANSPORT_ERROR or INVALID_RESPONSE.</summary>
        public string CauseCode { get; }
        public string CauseMessage { get; }
    }
}
