namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// How one step of an applied membership sync ended: the step's person and action, the
    /// outcome, and Zoho's code and message for that user.
    /// </summary>
    public sealed class PortalUserSyncResult
    {
        public PortalUserSyncAction Action { get; set; }
        public PortalUserSyncOutcome Outcome { get; set; }
        public string PortalName { get; set; } = string.Empty;
        public string PersonalityId { get; set; } = string.Empty;
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string UserTypeId { get; set; } = string.Empty;
        public string? UserTypeName { get; set; }
        public string? FromUserTypeId { get; set; }
        public string? FromUserTypeName { get; set; }

        /// <summary>Zoho's code for this user (SUCCESS, NOT_ALLOWED, OUTCOME_UNKNOWN ...), or null when nothing was sent.</summary>
        public string? Code { get; set; }
        public string? Message { get; set; }

        /// <summary>For an invitation: the bulk-invite job that carried it.</summary>
        public string? JobId { get; set; }

        /// <summary>The input row (from 1) the step came from; null for a user the list does not name.</summary>
        public int? Row { get; set; }

        /// <summary>The HTTP status of Zoho's answer for this user (0 when nothing was sent).</summary>
        public int HttpStatus { get; set; }

        /// <summary>Zoho's details for this user.</summary>
        public System.Collections.Generic.Dictionary<string, string?> Details { get; set; } = new System.Collections.Generic.Dictionary<string, string?>();

        /// <summary>The step this result is for.</summary>
        public PortalUserSyncStep? Step { get; set; }

        /// <summary>True unless Zoho refused the change or its outcome is unknown.</summary>
        public bool IsSuccess => Outcome == PortalUserSyncOutcome.Done || Outcome == PortalUserSyncOutcome.Unchanged || Outcome == PortalUserSyncOutcome.Skipped;

        public override string ToString() => Action + " " + (Email ?? PersonalityId) + ": " + Outcome;

        internal static PortalUserSyncResult For(PortalUserSyncStep step, PortalUserSyncOutcome outcome, string? code, string? message, string? jobId = null) =>
            new PortalUserSyncResult
            {
                Action = step.Action,
                Outcome = outcome,
                PortalName = step.PortalName,
                PersonalityId = step.PersonalityId,
                Email = step.Email,
                Name = step.Name,
                UserTypeId = step.UserTypeId,
                UserTypeName = step.UserTypeName,
                FromUserTypeId = step.FromUserTypeId,
                FromUserTypeName = step.FromUserTypeName,
                Code = code,
                Message = message,
                JobId = jobId,
                Row = step.Row,
                Step = step,
            };
    }
}
