namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// One person in a membership plan: what a sync would do with them, and why. A plan is a list
    /// of these, one per listed row and one per portal user the list does not name; a script can
    /// filter the list and pipe what is left back into Sync-PortalUser, which sends exactly those
    /// steps. Settable properties, so Pester mocks can build one.
    /// </summary>
    public sealed class PortalUserSyncStep
    {
        public PortalUserSyncAction Action { get; set; }

        /// <summary>The portal the step acts in.</summary>
        public string PortalName { get; set; } = string.Empty;

        /// <summary>The user's id (for an invitation: the record invited, which becomes the user's id).</summary>
        public string PersonalityId { get; set; } = string.Empty;

        /// <summary>The same id under the name invitations use, so the step pipes into Send-PortalInvite too.</summary>
        public string RecordId => PersonalityId;

        public string? Email { get; set; }
        public string? Name { get; set; }

        /// <summary>The user type the user is in after the step (for Disable, Remove, Leave and Skip: the type they are in).</summary>
        public string UserTypeId { get; set; } = string.Empty;
        public string? UserTypeName { get; set; }

        /// <summary>For a move: the type the user leaves.</summary>
        public string? FromUserTypeId { get; set; }
        public string? FromUserTypeName { get; set; }

        /// <summary>For an invitation: the personality module of the record (the user type's).</summary>
        public string? Module { get; set; }

        /// <summary>For an invitation: its language, or null for Zoho's default.</summary>
        public string? Language { get; set; }

        /// <summary>Whether the user has accepted the invitation (null for an invitation not sent yet).</summary>
        public bool? Confirmed { get; set; }

        /// <summary>Whether the user is active (null for an invitation not sent yet).</summary>
        public bool? Active { get; set; }

        /// <summary>The input row (from 1) the step comes from; null for a user the list does not name.</summary>
        public int? Row { get; set; }

        /// <summary>Why the step is what it is, in a few words.</summary>
        public string? Reason { get; set; }

        /// <summary>True when applying the step sends a request.</summary>
        public bool IsChange => Action == PortalUserSyncAction.Invite || Action == PortalUserSyncAction.Move
                                || Action == PortalUserSyncAction.Disable || Action == PortalUserSyncAction.Remove;

        public override string ToString() => Action + " " + (Email ?? PersonalityId);
    }
}
