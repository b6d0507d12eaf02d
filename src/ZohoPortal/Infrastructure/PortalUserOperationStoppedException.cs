using System;
using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Raised when a bulk user command (Move-, Enable-, Disable-, Remove-PortalUser) was stopped
    /// (Ctrl+C, a stopped pipeline) before every user was reported. It names every user left
    /// over: the ones never sent to Zoho, and the ones Zoho answered for but whose output or error
    /// could no longer be written. PowerShell refuses output from a stopped command, so this
    /// record goes to $Error (and a warning to the host) when it cannot be written normally.
    /// </summary>
    public sealed class PortalUserOperationStoppedException : Exception
    {
        internal PortalUserOperationStoppedException(string command, int total, IReadOnlyList<string> notProcessed, IReadOnlyList<ZohoActionResult> unwritten,
            IReadOnlyList<string>? sentOutcomeUnknown = null)
            : base(BuildMessage(command, total, notProcessed, unwritten, sentOutcomeUnknown ?? Array.Empty<string>()))
        {
            Command = command;
            Total = total;
            NotProcessed = notProcessed;
            Unwritten = unwritten;
            SentOutcomeUnknown = sentOutcomeUnknown ?? Array.Empty<string>();
        }

        /// <summary>The command that was stopped.</summary>
        public string Command { get; }
        /// <summary>Users the command was asked to process.</summary>
        public int Total { get; }
        /// <summary>Ids of the users never sent to Zoho (nothing was changed for them).</summary>
        public IReadOnlyList<string> NotProcessed { get; }
        /// <summary>Zoho's answers for users that were processed but whose result could not be written.</summary>
        public IReadOnlyList<ZohoActionResult> Unwritten { get; }
        /// <summary>
        /// Ids of the users whose request was sent but whose answer had not arrived when the
        /// command stopped: Zoho may or may not have changed them. Check with Get-PortalUser before retrying.
        /// </summary>
        public IReadOnlyList<string> SentOutcomeUnknown { get; }

        private static string BuildMessage(string command, int total, IReadOnlyList<string> notProcessed, IReadOnlyList<ZohoActionResult> unwritten, IReadOnlyList<string> sent)
        {
            var text = command + " was stopped: " + notProcessed.Count + " of " + total + " users were not processed";
            if (notProcessed.Count > 0) text += " (" + Few(notProcessed) + ")";
            if (sent.Count > 0)
                text += "; " + sent.Count + " were sent, outcome unknown (their answer had not arrived; check them with Get-PortalUser before retrying: " + Few(sent) + ")";
            if (unwritten.Count > 0)
            {
                var failed = unwritten.Count(r => !r.IsSuccess);
                text += "; " + unwritten.Count + " were processed but their results could not be written (" + (unwritten.Count - failed) + " succeeded, " + failed + " failed)";
            }
            return text + ". Every id is in this exception's NotProcessed, SentOutcomeUnknown and Unwritten properties.";
        }

        private static string Few(IReadOnlyList<string> ids) =>
            string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? " and " + (ids.Count - 5) + " more" : string.Empty);
    }
}
