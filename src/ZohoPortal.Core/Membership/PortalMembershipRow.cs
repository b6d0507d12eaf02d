namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// One person who should have portal access, as the desired membership names them: a record
    /// id (the portal user's personality id, or the CRM record to invite), or an email, and the
    /// user type they should be in, by id or name.
    /// </summary>
    public sealed class PortalMembershipRow
    {
        /// <summary>The CRM record behind the user (its personality id). Wins over <see cref="Email"/> when both are given.</summary>
        public string? RecordId { get; set; }

        /// <summary>The portal user's email; matched against the portal's users, ignoring letter case.</summary>
        public string? Email { get; set; }

        /// <summary>The user type, by id. When a name is given too, both must name the same type.</summary>
        public string? UserTypeId { get; set; }

        /// <summary>The user type, by name (letter case ignored).</summary>
        public string? UserTypeName { get; set; }

        /// <summary>The invitation's language when the row leads to an invitation (null: Zoho's default).</summary>
        public string? Language { get; set; }

        /// <summary>The row's position in the input, from 1 (used in every message about the row).</summary>
        public int Row { get; set; }

        /// <summary>The object the row came from (a CSV row, a user object), handed back as the target of errors about it.</summary>
        public object? Source { get; set; }

        public override string ToString() => "row " + Row + " (" + (RecordId ?? Email ?? "no id or email") + ")";
    }
}
