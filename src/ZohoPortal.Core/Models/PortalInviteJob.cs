using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A bulk-invite job (zoho-api.md "Invitations"): Zoho invites the records in the background and reports one
    /// result per record once the job has completed. Jobs made by Send-PortalInvite also know
    /// which records they carry. Pipes into Get-PortalInviteJob and Wait-PortalInviteJob.
    /// </summary>
    public sealed class PortalInviteJob
    {
        public const string CompletedStatus = "completed";
        public const string InProgressStatus = "in_progress";
        /// <summary>The state of a job just accepted by Zoho and not yet looked at.</summary>
        public const string ScheduledStatus = "scheduled";

        /// <summary>Zoho's job id.</summary>
        public string JobId { get; set; } = string.Empty;
        /// <summary>The personality module the job belongs to (job ids are looked up per module).</summary>
        public string Module { get; set; } = "Contacts";
        /// <summary>Zoho's status: scheduled, in_progress or completed.</summary>
        public string Status { get; set; } = string.Empty;
        /// <summary>One result per record once the job has completed; null while it runs (Zoho's data is null then).</summary>
        public List<PortalInviteResult>? Results { get; set; }
        /// <summary>The records sent in this job, when this session created it; null for jobs only read from Zoho.</summary>
        public List<string>? RecordIds { get; set; }
        /// <summary>The user type the records were invited as, when this session created the job.</summary>
        public string? UserTypeId { get; set; }
        /// <summary>Invite or Reinvite, when this session created the job.</summary>
        public PortalInviteType? Type { get; set; }
        /// <summary>When this session submitted the job.</summary>
        public DateTimeOffset? SubmittedAt { get; set; }
        /// <summary>When Zoho was last asked about the job.</summary>
        public DateTimeOffset? CheckedAt { get; set; }

        /// <summary>
        /// True once Zoho reports a final state. Zoho documents completed, in_progress and
        /// scheduled; any status other than the two running ones counts as final so that an
        /// unexpected state never makes a wait hang.
        /// </summary>
        public bool IsCompleted => !IsRunningStatus(Status);

        /// <summary>Records in the job: the results once known, else the records sent.</summary>
        public int RecordCount => Results?.Count ?? RecordIds?.Count ?? 0;
        public int SuccessCount => Results?.Count(r => r.IsSuccess) ?? 0;
        public int ErrorCount => Results?.Count(r => !r.IsSuccess) ?? 0;

        internal static bool IsRunningStatus(string? status) =>
            string.IsNullOrEmpty(status)
            || string.Equals(status, InProgressStatus, StringComparison.OrdinalIgnoreCase)
            || string.Equals(status, ScheduledStatus, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => JobId + " (" + Status + ")";
    }
}
