using System.Collections.Generic;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// One bulk-invite request (at most 100 records): either Zoho accepted it and it became
    /// <see cref="Job"/>, or Zoho refused it as a whole and <see cref="Failures"/> holds that
    /// error once per record, so no record goes unreported.
    /// </summary>
    public sealed class PortalInviteSubmission
    {
        public PortalInviteSubmission(IReadOnlyList<string> recordIds, PortalInviteJob? job, List<PortalInviteResult>? failures)
        {
            RecordIds = recordIds;
            Job = job;
            Failures = failures;
        }

        public IReadOnlyList<string> RecordIds { get; }
        public PortalInviteJob? Job { get; }
        public List<PortalInviteResult>? Failures { get; }
        public bool Accepted => Job != null;
    }

    /// <summary>Where a wait for invite jobs stands, reported after every round of polling.</summary>
    public sealed class InviteWaitProgress
    {
        public int TotalJobs { get; set; }
        public int CompletedJobs { get; set; }
        public int TotalRecords { get; set; }
        public int CompletedRecords { get; set; }
        public System.TimeSpan Elapsed { get; set; }
        /// <summary>Time until the next check; null when the wait is over.</summary>
        public System.TimeSpan? NextCheckIn { get; set; }
        /// <summary>Time left before the timeout; null without a timeout.</summary>
        public System.TimeSpan? TimeLeft { get; set; }
    }

    /// <summary>How a wait for invite jobs ended. The job objects themselves are updated in place.</summary>
    public sealed class InviteWaitOutcome
    {
        /// <summary>Every job waited for, in the order given, as it stands now (unknown ones excluded).</summary>
        public List<PortalInviteJob> Jobs { get; } = new List<PortalInviteJob>();
        /// <summary>Jobs still running when the timeout came.</summary>
        public List<PortalInviteJob> Pending { get; } = new List<PortalInviteJob>();
        /// <summary>Jobs Zoho does not know (204 for their id).</summary>
        public List<PortalInviteJob> NotFound { get; } = new List<PortalInviteJob>();
        public bool TimedOut { get; set; }
        public System.TimeSpan Elapsed { get; set; }
    }
}
