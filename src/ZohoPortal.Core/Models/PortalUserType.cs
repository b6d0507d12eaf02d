using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>A CRM module reference ({api_name, plural_label, id}), e.g. a user type's personality module.</summary>
    public sealed class ZohoModuleRef
    {
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("plural_label")] public string? PluralLabel { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }

        public override string ToString() => ApiName ?? Id ?? string.Empty;
    }

    /// <summary>
    /// A portal user type: which kind of portal user it is (its personality module) and what its
    /// users may see and do (its modules). Pipes into the user-type and user cmdlets: they bind
    /// the object itself, and <see cref="PortalName"/> by property name.
    /// </summary>
    public sealed class PortalUserType
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        /// <summary>True for the user type Zoho created with the portal.</summary>
        [JsonPropertyName("default")] public bool Default { get; set; }
        [JsonPropertyName("active")] public bool Active { get; set; }
        [JsonPropertyName("personality_module")] public ZohoModuleRef? PersonalityModule { get; set; }
        /// <summary>Users of this type (D7: no_of_users, or active + deactivated counts, whichever Zoho sent).</summary>
        [JsonPropertyName("no_of_users")] public int? NoOfUsers { get; set; }
        [JsonPropertyName("active_user_count")] public int? ActiveUserCount { get; set; }
        [JsonPropertyName("deactive_user_count")] public int? DeactiveUserCount { get; set; }
        [JsonPropertyName("invitation_field")] public ZohoModuleRef? InvitationField { get; set; }
        [JsonPropertyName("created_time")] public DateTimeOffset? CreatedTime { get; set; }
        [JsonPropertyName("modified_time")] public DateTimeOffset? ModifiedTime { get; set; }
        [JsonPropertyName("created_by")] public ZohoUserRef? CreatedBy { get; set; }
        [JsonPropertyName("modified_by")] public ZohoUserRef? ModifiedBy { get; set; }
        /// <summary>Module permissions; present when asked for (include=modules) and on get-by-id.</summary>
        [JsonPropertyName("modules")] public List<UserTypeModule>? Modules { get; set; }

        /// <summary>The portal this user type belongs to (set by the client, not sent by Zoho).</summary>
        [JsonIgnore] public string? PortalName { get; set; }

        /// <summary>Total users, whichever counter Zoho sent.</summary>
        [JsonIgnore]
        public int? UserCount => NoOfUsers ?? (ActiveUserCount.HasValue || DeactiveUserCount.HasValue ? (ActiveUserCount ?? 0) + (DeactiveUserCount ?? 0) : (int?)null);

        public override string ToString() => Name;
    }

    /// <summary>One module's settings inside a user type.</summary>
    public sealed class UserTypeModule
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("plural_label")] public string? PluralLabel { get; set; }
        /// <summary>private or public.</summary>
        [JsonPropertyName("shared_type")] public string? SharedType { get; set; }
        [JsonPropertyName("permissions")] public UserTypePermissions? Permissions { get; set; }
        [JsonPropertyName("filters")] public List<UserTypeFilter>? Filters { get; set; }
        [JsonPropertyName("fields")] public List<UserTypeField>? Fields { get; set; }
        [JsonPropertyName("layouts")] public List<UserTypeLayout>? Layouts { get; set; }
        [JsonPropertyName("views")] public UserTypeView? Views { get; set; }

        public override string ToString() => ApiName ?? Id ?? string.Empty;
    }

    /// <summary>What a user type's users may do in a module. Null means "not set" (left alone by an update).</summary>
    public sealed class UserTypePermissions
    {
        [JsonPropertyName("view")] public bool? View { get; set; }
        [JsonPropertyName("edit")] public bool? Edit { get; set; }
        [JsonPropertyName("edit_shared_records")] public bool? EditSharedRecords { get; set; }
        [JsonPropertyName("create")] public bool? Create { get; set; }
        [JsonPropertyName("delete")] public bool? Delete { get; set; }
        [JsonPropertyName("create_attachment")] public bool? CreateAttachment { get; set; }
        [JsonPropertyName("delete_attachment")] public bool? DeleteAttachment { get; set; }
    }

    public sealed class UserTypeFilter
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }
    }

    public sealed class UserTypeField
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("read_only")] public bool? ReadOnly { get; set; }
        /// <summary>Set to true in an update to remove the field from the user type.</summary>
        [JsonPropertyName("_delete")] public bool? Delete { get; set; }
    }

    public sealed class UserTypeLayout
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }
    }

    public sealed class UserTypeView
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }
        /// <summary>custom_view or canvas_view.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
    }
}
