namespace ZohoPortal.Core.Membership
{
    /// <summary>What kind of problem a row has (the cmdlets turn it into an ErrorCategory).</summary>
    public enum PortalMembershipRowErrorKind
    {
        /// <summary>The row itself is malformed (no id or email, no user type, a value that cannot be an id).</summary>
        InvalidArgument,
        /// <summary>The row names something the portal does not have (a user type, a portal user by email).</summary>
        NotFound,
        /// <summary>The row contradicts itself or another row (same person twice, two types for one person, an email shared by two users).</summary>
        Conflict,
    }

    /// <summary>
    /// A problem with one row of the desired membership, found before any change is sent.
    /// <see cref="BlocksSync"/> errors stop the whole sync (a row that cannot be read might name a
    /// person whom -Absent would otherwise disable or remove); the others leave the row out.
    /// </summary>
    public sealed class PortalMembershipRowError
    {
        public PortalMembershipRowError(PortalMembershipRow row, string errorId, PortalMembershipRowErrorKind kind, string message, bool blocksSync)
        {
            Row = row;
            ErrorId = errorId;
            Kind = kind;
            Message = message;
            BlocksSync = blocksSync;
        }

        public PortalMembershipRow Row { get; }

        /// <summary>A stable identifier, such as SyncUnknownUserType.</summary>
        public string ErrorId { get; }
        public PortalMembershipRowErrorKind Kind { get; }
        public string Message { get; }
        public bool BlocksSync { get; }

        public override string ToString() => ErrorId + ": " + Message;
    }
}
