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
        internal PortalUserOperationStoppedException(string command, int total, IReadOnlyList<string> notProcessed, IReadOnlyList<ZohoActionResult> unwritten)
            : base(BuildMessage(command, total, notProcessed, unwritten))
        {
            Command = command;
            Total = total;
            NotProcessed = notProcessed;
            Unwritten = unwritten;
        }

        /// <summary>The command that was stopped.</summary>
        public string Command { get; }
        /// <summary>Users the command was asked to process.</summary>
        public int Total { get; }
        /// <summary>Ids of the users never sent to Zoho (nothing was changed for them).</summary>
        public IReadOnlyList<string> NotProcessed { get; }
        /// <summary>Zoho's answers for users that were processed but whose result could not be written.</summary>
        public IReadOnlyList<ZohoActionResult> Unwritten { get; }

        private static string BuildMessage(string command, int total, IReadOnlyList<string> notProcessed, IReadOnlyList<ZohoActionResult> unwritten)
        {
            var text = command + " was stopped: " + notProcessed.Count + " of " + total + " users were not processed";
            if (notProcessed.Count > 0)
                text += " (" + string.Join(", ", notProcessed.Take(5)) + (notProcessed.Count > 5 ? " and " + (notProcessed.Count - 5) + " more" : string.Empty) + ")";
            if (unwritten.Count > 0)
            {
                var failed = unwritten.Count(r => !r.IsSuccess);
                text += "; " + unwritten.Count + " were processed but their results could not be written (" + (unwritten.Count - failed) + " succeeded, " + failed + " failed)";
            }
            return text + ". Every id is in this exception's NotProcessed and Unwritten properties.";
        }
    }
}
