namespace ZohoPortal.Core.Membership
{
    /// <summary>What a membership sync does with one person.</summary>
    public enum PortalUserSyncAction
    {
        /// <summary>Listed and already a user of the listed type (or absent and already as -Absent wants): nothing is sent.</summary>
        Unchanged,
        /// <summary>Listed by record id and not a portal user: invited (bulk, 100 records per request).</summary>
        Invite,
        /// <summary>Listed in another type than the one the user is in: transferred (200 users per call).</summary>
        Move,
        /// <summary>A portal user not listed, with -Absent Disable: deactivated (one call per user).</summary>
        Disable,
        /// <summary>A portal user not listed, with -Absent Remove: deleted from the portal (499 users per call).</summary>
        Remove,
        /// <summary>A portal user not listed, with -Absent Leave (the default): left as they are.</summary>
        Leave,
        /// <summary>A portal user not listed who cannot be handled as -Absent asks (Zoho refuses to deactivate an unconfirmed user): left as they are, with a warning.</summary>
        Skip,
    }

    /// <summary>What a membership sync does with portal users the desired membership does not list.</summary>
    public enum PortalUserAbsentAction
    {
        /// <summary>Nothing (the default): the list only adds and moves.</summary>
        Leave,
        /// <summary>Deactivate them (confirmed users only; Zoho refuses unconfirmed ones).</summary>
        Disable,
        /// <summary>Delete them from the portal (unconfirmed users too: their invitation is withdrawn).</summary>
        Remove,
    }

    /// <summary>How a step of an applied sync ended.</summary>
    public enum PortalUserSyncOutcome
    {
        /// <summary>Nothing needed sending.</summary>
        Unchanged,
        /// <summary>Zoho carried the change out (for a move or removal: confirmed by Zoho's per-user answer or read back after a lost answer).</summary>
        Done,
        /// <summary>Zoho refused the change for this user; the result carries Zoho's code and message.</summary>
        Failed,
        /// <summary>The answer was lost and the state could not be read back: the change may or may not have happened.</summary>
        OutcomeUnknown,
        /// <summary>The bulk-invite job was still running when the wait ended; Zoho keeps processing it.</summary>
        InProgress,
        /// <summary>Not sent: -Absent asked for something Zoho refuses for this user, or an earlier check stopped it.</summary>
        Skipped,
        /// <summary>Not sent: the sync was stopped (Ctrl+C) before this step's request went out; nothing was changed for this user.</summary>
        NotRun,
    }
}
