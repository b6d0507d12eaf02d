using System;
using System.Collections.Generic;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// What a user lookup found: the users Zoho listed for each id and for each email asked for.
    /// An id names at most one user (a CRM record is in one user type); an email can match
    /// several records, so callers must refuse a key with more than one match.
    /// </summary>
    public sealed class PortalUserMatches
    {
        /// <summary>Users found per personality id (ordinal keys).</summary>
        public Dictionary<string, PortalUser> ById { get; } = new Dictionary<string, PortalUser>(StringComparer.Ordinal);

        /// <summary>Users found per email (keys compared without case, as mail addresses are).</summary>
        public Dictionary<string, List<PortalUser>> ByEmail { get; } = new Dictionary<string, List<PortalUser>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Requests the lookup sent.</summary>
        public int Requests { get; set; }
    }
}
