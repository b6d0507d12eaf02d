using System;
using System.Collections.Generic;
using System.Threading;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>
    /// A bulk-invite job. The invitations take effect when the job is submitted; the job only
    /// reveals its results once <see cref="EmulatorOptions.JobDelay"/> of emulated time has passed.
    /// </summary>
    internal sealed class InviteJobState
    {
        public string Id { get; set; } = string.Empty;
        public string Module { get; set; } = "Contacts";
        public DateTimeOffset SubmittedAt { get; set; }
        /// <summary>One result per record, in the order the records were sent.</summary>
        public List<JsonObject> Results { get; } = new List<JsonObject>();
        /// <summary>Once seen completed a job stays completed, even if JobDelay is raised later.</summary>
        public bool Completed { get; private set; }

        /// <summary>
        /// Whether the job has completed at <paramref name="now"/>. A negative delay (such as
        /// Timeout.InfiniteTimeSpan) or TimeSpan.MaxValue holds unfinished jobs in progress forever.
        /// </summary>
        public bool IsCompleted(DateTimeOffset now, TimeSpan delay)
        {
            if (Completed) return true;
            if (delay < TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan || delay == TimeSpan.MaxValue) return false;
            if (now - SubmittedAt < delay) return false;
            Completed = true;
            return true;
        }
    }
}
