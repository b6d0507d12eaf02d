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
    public sealed class PortalUserType : ZohoAuditedObject
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        /// <summary>True for the user type Zoho created with the portal.</summary>
        [JsonPropertyName("default")] public bool Default { get; set; }
        [JsonPropertyName("active")] public bool Active { get; set; }
        /// <summary>The personality module as Zoho sends it ({api_name, plural_label, id}).</summary>
        [JsonPropertyName("personality_module")] public ZohoModuleRef? PersonalityModuleInfo { get; set; }

        /// <summary>
        /// The personality module's API name (e.g. Contacts), as text so that Where-Object,
        /// Sort-Object and CSV columns see what the table shows; the full reference is
        /// <see cref="PersonalityModuleInfo"/>. Setting it replaces the reference.
        /// </summary>
        [JsonIgnore]
        public string? PersonalityModule
        {
            get => PersonalityModuleInfo?.ApiName;
            set => PersonalityModuleInfo = value == null ? null
                : string.Equals(PersonalityModuleInfo?.ApiName, value, StringComparison.Ordinal) ? PersonalityModuleInfo : new ZohoModuleRef { ApiName = value };
        }
        /// <summary>Users of this type (zoho-api.md "User types": no_of_users, or active + deactivated counts, whichever Zoho sent).</summary>
        [JsonPropertyName("no_of_users")] public int? NoOfUsers { get; set; }
        [JsonPropertyName("active_user_count")] public int? ActiveUserCount { get; set; }
        [JsonPropertyName("deactive_user_count")] public int? DeactiveUserCount { get; set; }
        /// <summary>The field invitations are sent to, as Zoho sends it ({api_name, id}).</summary>
        [JsonPropertyName("invitation_field")] public ZohoModuleRef? InvitationFieldInfo { get; set; }

        /// <summary>The API name of <see cref="InvitationFieldInfo"/> (e.g. Email), as text. Setting it replaces the reference.</summary>
        [JsonIgnore]
        public string? InvitationField
        {
            get => InvitationFieldInfo?.ApiName;
            set => InvitationFieldInfo = value == null ? null
                : string.Equals(InvitationFieldInfo?.ApiName, value, StringComparison.Ordinal) ? InvitationFieldInfo : new ZohoModuleRef { ApiName = value };
        }
        /// <summary>Module permissions; present when asked for (include=modules) and on get-by-id.</summary>
        [JsonPropertyName("modules")] public List<UserTypeModule>? Modules { get; set; }

        /// <summary>The portal this user type belongs to (set by the client, not sent by Zoho).</summary>
        [JsonIgnore] public string? PortalName { get; set; }

        /// <summary>The id again, under the name users and invite results carry, so a user type (or its CSV row) binds where a user type is named.</summary>
        [JsonIgnore] public string UserTypeId => Id;
        /// <summary>The name again, under the name users carry.</summary>
        [JsonIgnore] public string UserTypeName => Name;

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
        /// <summary>Set to true in an update to take the module out of the user type (the personality module and Notes cannot be removed).</summary>
        [JsonPropertyName("_delete")] public bool? Delete { get; set; }

        public override string ToString() => ApiName ?? Id ?? string.Empty;

        /// <summary>A copy deep enough that filling in ids never changes the caller's object.</summary>
        public UserTypeModule Clone() => new UserTypeModule
        {
            Id = Id,
            ApiName = ApiName,
            PluralLabel = PluralLabel,
            SharedType = SharedType,
            Permissions = Permissions?.Clone(),
            Filters = Filters?.ConvertAll(f => new UserTypeFilter { Id = f.Id, ApiName = f.ApiName, DisplayLabel = f.DisplayLabel }),
            Fields = Fields?.ConvertAll(f => new UserTypeField { Id = f.Id, ApiName = f.ApiName, ReadOnly = f.ReadOnly, Delete = f.Delete }),
            Layouts = Layouts?.ConvertAll(l => new UserTypeLayout { Id = l.Id, Name = l.Name, DisplayLabel = l.DisplayLabel }),
            Views = Views == null ? null : new UserTypeView { Id = Views.Id, Name = Views.Name, DisplayLabel = Views.DisplayLabel, Type = Views.Type },
            Delete = Delete,
        };
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

        /// <summary>Reads one permission (null when not set).</summary>
        public bool? Get(UserTypePermission permission)
        {
            switch (permission)
            {
                case UserTypePermission.View: return View;
                case UserTypePermission.Edit: return Edit;
                case UserTypePermission.EditSharedRecords: return EditSharedRecords;
                case UserTypePermission.Create: return Create;
                case UserTypePermission.Delete: return Delete;
                case UserTypePermission.CreateAttachment: return CreateAttachment;
                case UserTypePermission.DeleteAttachment: return DeleteAttachment;
                default: throw new ArgumentOutOfRangeException(nameof(permission), permission, null);
            }
        }

        /// <summary>Sets one permission (null clears it, so an update leaves it alone).</summary>
        public void Set(UserTypePermission permission, bool? value)
        {
            switch (permission)
            {
                case UserTypePermission.View: View = value; break;
                case UserTypePermission.Edit: Edit = value; break;
                case UserTypePermission.EditSharedRecords: EditSharedRecords = value; break;
                case UserTypePermission.Create: Create = value; break;
                case UserTypePermission.Delete: Delete = value; break;
                case UserTypePermission.CreateAttachment: CreateAttachment = value; break;
                case UserTypePermission.DeleteAttachment: DeleteAttachment = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(permission), permission, null);
            }
        }

        /// <summary>The permissions granted (true), in the API's order.</summary>
        [JsonIgnore]
        public UserTypePermission[] Granted
        {
            get
            {
                var granted = new List<UserTypePermission>();
                foreach (UserTypePermission p in Enum.GetValues(typeof(UserTypePermission)))
                    if (Get(p) == true) granted.Add(p);
                return granted.ToArray();
            }
        }

        public UserTypePermissions Clone() => new UserTypePermissions
        {
            View = View, Edit = Edit, EditSharedRecords = EditSharedRecords, Create = Create,
            Delete = Delete, CreateAttachment = CreateAttachment, DeleteAttachment = DeleteAttachment,
        };

        /// <summary>"View, Edit, Create": what a table column shows; revoked permissions are prefixed with '-'.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            foreach (UserTypePermission p in Enum.GetValues(typeof(UserTypePermission)))
            {
                var value = Get(p);
                if (value == true) parts.Add(p.ToString());
                else if (value == false) parts.Add("-" + p);
            }
            return string.Join(", ", parts);
        }
    }

    /// <summary>One thing a user type's users may do in a module (the keys of "permissions").</summary>
    public enum UserTypePermission
    {
        /// <summary>view: see records (always granted: Zoho requires it).</summary>
        View,
        /// <summary>edit: change the user's own records.</summary>
        Edit,
        /// <summary>edit_shared_records: change records shared with the user.</summary>
        EditSharedRecords,
        /// <summary>create: add records.</summary>
        Create,
        /// <summary>delete: delete records.</summary>
        Delete,
        /// <summary>create_attachment: attach files (Notes).</summary>
        CreateAttachment,
        /// <summary>delete_attachment: delete attachments (Notes).</summary>
        DeleteAttachment,
    }

    /// <summary>A lookup field that scopes a module's records to the portal user (also a filter choice in portal meta).</summary>
    public sealed class UserTypeFilter
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }

        public override string ToString() => ApiName ?? DisplayLabel ?? Id ?? string.Empty;
    }

    /// <summary>A field permission: the field is shown, editable unless <see cref="ReadOnly"/>.</summary>
    public sealed class UserTypeField
    {
        public UserTypeField()
        {
        }

        /// <summary>An editable field by id (all digits) or API name; lets PowerShell turn a plain string into a field.</summary>
        public UserTypeField(string idOrApiName)
        {
            if (Validation.ZohoIdRules.IsId(idOrApiName)) Id = idOrApiName;
            else ApiName = idOrApiName;
            ReadOnly = false;
        }

        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("api_name")] public string? ApiName { get; set; }
        [JsonPropertyName("read_only")] public bool? ReadOnly { get; set; }
        /// <summary>Set to true in an update to remove the field from the user type.</summary>
        [JsonPropertyName("_delete")] public bool? Delete { get; set; }

        public override string ToString() => (ApiName ?? Id ?? string.Empty) + (Delete == true ? " (remove)" : ReadOnly == true ? " (read-only)" : string.Empty);
    }

    /// <summary>A layout of a module (in a user type, or a choice in portal meta).</summary>
    public sealed class UserTypeLayout
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }

        public override string ToString() => Name ?? DisplayLabel ?? Id ?? string.Empty;
    }

    /// <summary>The custom or canvas view that lists a module's records (in a user type, or a choice in portal meta).</summary>
    public sealed class UserTypeView
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("display_label")] public string? DisplayLabel { get; set; }
        /// <summary>custom_view or canvas_view.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }

        public override string ToString() => Name ?? DisplayLabel ?? Id ?? string.Empty;
    }

    /// <summary>What the API's shared_type says about a module.</summary>
    public enum UserTypeSharedType
    {
        /// <summary>private: users see only records linked to them (layouts required).</summary>
        Private,
        /// <summary>public: every portal user sees every record.</summary>
        Public,
    }

    /// <summary>The kind of view in a module entry (views.type).</summary>
    public enum UserTypeViewType
    {
        /// <summary>custom_view</summary>
        CustomView,
        /// <summary>canvas_view</summary>
        CanvasView,
    }
}
