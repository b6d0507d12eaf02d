using System.Collections.Generic;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// Deleting a user type, planned: how many users it has now (read from Zoho, not from a piped
    /// object that may be old), the transfer of every one of them when a destination is given,
    /// and the delete. A plan that <see cref="HasUsersWithoutDestination"/> is refused by both
    /// -WhatIf and the real run, with the same error.
    /// </summary>
    public sealed class UserTypeRemovalPlan
    {
        internal UserTypeRemovalPlan(string portal, PortalUserType userType, PortalUserType? destination, long? userCount,
            IReadOnlyList<PortalUser> users, RequestPlan? transfer, string deletePath)
        {
            Portal = portal;
            UserType = userType;
            Destination = destination;
            UserCount = userCount;
            Users = users;
            Transfer = transfer;
            DeletePath = deletePath;
        }

        public string Portal { get; }
        public PortalUserType UserType { get; }
        public PortalUserType? Destination { get; }
        /// <summary>Users of the type as Zoho counts them now; null when Zoho did not say.</summary>
        public long? UserCount { get; }
        /// <summary>The users to move (only read when a destination is given).</summary>
        public IReadOnlyList<PortalUser> Users { get; }
        /// <summary>The transfer of the users to <see cref="Destination"/>, when there are any.</summary>
        public RequestPlan? Transfer { get; }
        /// <summary>The path of the DELETE.</summary>
        public string DeletePath { get; }

        /// <summary>True when the type has users and no destination was given: Zoho would refuse the delete.</summary>
        public bool HasUsersWithoutDestination => Destination == null && UserCount > 0;

        /// <summary>Calls the plan makes when run: the transfers and the delete.</summary>
        public int Calls => (Transfer?.Calls ?? 0) + 1;

        public string Describe() => Transfer == null
            ? "Delete (DELETE " + DeletePath + ")"
            : "Move its " + Transfer.Items.Count + " users to '" + Destination!.Name + "' (" + Transfer.Describe() + "), then delete (DELETE " + DeletePath + ")";
    }
}
