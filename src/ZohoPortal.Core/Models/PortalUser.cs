using System;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A portal user: a CRM record (its personality) given access to the portal. Pipes into
    /// Move-, Enable-, Disable- and Remove-PortalUser, which read <see cref="PersonalityId"/>,
    /// <see cref="UserTypeId"/> and <see cref="PortalName"/>.
    /// </summary>
    public sealed class PortalUser
    {
        /// <summary>The user's id: the id of the CRM record behind the user.</summary>
        [JsonPropertyName("personality_id")] public string PersonalityId { get; set; } = string.Empty;
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("email")] public string? Email { get; set; }
        [JsonPropertyName("active")] public bool Active { get; set; }
        /// <summary>True once the user accepted the invitation.</summary>
        [JsonPropertyName("confirm")] public bool Confirmed { get; set; }
        [JsonPropertyName("status_reason__s")] public string? StatusReason { get; set; }
        [JsonPropertyName("invited_time")] public DateTimeOffset? InvitedTime { get; set; }
        [JsonPropertyName("created_time")] public DateTimeOffset? CreatedTime { get; set; }
        /// <summary>The personality module (e.g. Contacts).</summary>
        [JsonPropertyName("module")] public string? Module { get; set; }
        [JsonPropertyName("Source__s")] public string? Source { get; set; }

        /// <summary>The user type the user was listed from (set by the client).</summary>
        [JsonIgnore] public string? UserTypeId { get; set; }
        [JsonIgnore] public string? UserTypeName { get; set; }
        [JsonIgnore] public string? PortalName { get; set; }

        /// <summary>A copy, so -PassThru can show a changed user without touching the object the caller holds.</summary>
        public PortalUser Clone() => (PortalUser)MemberwiseClone();

        public override string ToString() => Name ?? PersonalityId;
    }
}
