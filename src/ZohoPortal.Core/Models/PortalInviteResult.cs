using System;
using System.Collections.Generic;

namespace ZohoPortal.Core.Models
{
    /// <summary>The two kinds of invitation Zoho sends (the API's "type").</summary>
    public enum PortalInviteType
    {
        /// <summary>"invite": the first invitation of a record.</summary>
        Invite,
        /// <summary>"reinvite": sends the invitation again to a record that is already a portal user.</summary>
        Reinvite,
    }

    /// <summary>
    /// What happened to one record of an invitation: Zoho's code, status and message, with the
    /// record and (for bulk invitations) the job it was part of. Failed records keep Zoho's code
    /// (DUPLICATE_DATA, INVALID_DATA, CANNOT_PROCESS...). Pipes into Wait-PortalInviteJob by JobId
    /// and Module.
    /// </summary>
    public sealed class PortalInviteResult
    {
        /// <summary>Status of a record whose job was still running when the wait ended.</summary>
        public const string InProgressStatus = "in_progress";
        /// <summary>Code of a record whose job was still running when the wait ended.</summary>
        public const string InProgressCode = "JOB_IN_PROGRESS";

        /// <summary>The invited CRM record (the future portal user's personality id). Null when Zoho did not name it and it could not be inferred.</summary>
        public string? RecordId { get; set; }
        /// <summary>The personality module of the record (e.g. Contacts).</summary>
        public string? Module { get; set; }
        /// <summary>Zoho's code: SUCCESS, or an error code such as DUPLICATE_DATA.</summary>
        public string Code { get; set; } = string.Empty;
        /// <summary>"success" or "error" as Zoho says; "in_progress" when the job had not finished.</summary>
        public string Status { get; set; } = string.Empty;
        /// <summary>Zoho's message, unchanged.</summary>
        public string Message { get; set; } = string.Empty;
        /// <summary>The bulk-invite job that handled the record; null for a single invitation.</summary>
        public string? JobId { get; set; }
        /// <summary>The user type the record was invited as, when known.</summary>
        public string? UserTypeId { get; set; }
        /// <summary>Invite or Reinvite, when known.</summary>
        public PortalInviteType? Type { get; set; }
        /// <summary>Zoho's details object, each value as text.</summary>
        public Dictionary<string, string?> Details { get; set; } = new Dictionary<string, string?>();

        public bool IsSuccess => string.Equals(Status, "success", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => (RecordId ?? "(record not named)") + ": " + Code;
    }
}
