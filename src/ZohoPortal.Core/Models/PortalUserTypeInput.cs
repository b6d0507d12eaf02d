using System.Collections.Generic;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// What to send to create or change a user type. Every property is optional: an update sends
    /// only what is set (null = leave alone); a create needs <see cref="Name"/>,
    /// <see cref="PersonalityModule"/> and <see cref="Modules"/>.
    /// </summary>
    public sealed class PortalUserTypeInput
    {
        public string? Name { get; set; }
        /// <summary>API name of the personality module (Contacts, or a custom module such as Customer).</summary>
        public string? PersonalityModule { get; set; }
        /// <summary>Zoho creates a user type inactive unless this is true.</summary>
        public bool? Active { get; set; }
        /// <summary>API name of the field that receives the invitation (Email); newest API versions require it on create.</summary>
        public string? InvitationField { get; set; }
        /// <summary>Module entries. On update each entry changes (or, with Delete, removes) the module of that id.</summary>
        public List<UserTypeModule>? Modules { get; set; }

        /// <summary>True when nothing would be sent.</summary>
        public bool IsEmpty => Name == null && PersonalityModule == null && Active == null && InvitationField == null && (Modules == null || Modules.Count == 0);
    }
}
