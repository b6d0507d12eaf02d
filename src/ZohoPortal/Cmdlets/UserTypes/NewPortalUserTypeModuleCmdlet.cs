using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Builds a module entry (module permissions) for New-PortalUserType and Set-PortalUserType.</para>
    /// <para type="description">New-PortalUserTypeModule makes one entry of a user type's "modules": which module, what its users may do there (-Permission, -RevokePermission), the layouts, the view that lists the records, the lookup field that scopes records to the user (-Filter), and field permissions (-Field, -ReadOnlyField, -RemoveField). It sends nothing: the entry is checked and sent by New-PortalUserType or Set-PortalUserType.</para>
    /// <para type="description">Name the module, layouts, view and filter by id or by name. Names are resolved against portal meta: at once when the entry is built from a Get-PortalModuleMeta object on the pipeline, otherwise by New-/Set-PortalUserType with a single portal-meta call. A view given by id is taken to be a custom view unless -ViewType says CanvasView.</para>
    /// <para type="description">Every user type needs an entry for its personality module and one for Notes. Zoho requires view permission on every module; New-PortalUserType grants it when -Permission leaves it out. In Set-PortalUserType an entry changes only what it names: unnamed permissions, layouts and fields stay as they are.</para>
    /// </summary>
    /// <example>
    /// <code>$customer = New-PortalUserTypeModule -Module 1306462000000000125 -SharedType Private -Permission View -Layout 1306462000000095055 -View 1306462000000091501 -Field 18936550000000063924
    /// $notes = New-PortalUserTypeModule -Module 1306462000000000147 -SharedType Private -Permission View
    /// New-PortalUserType -Name Customer -PersonalityModule Customer -Module $customer, $notes -Active $true</code>
    /// <para>Builds the two entries of the Kaizen (seed 002) Customer user type by id, and creates the type.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalModuleMeta -Module Contacts -RelatedModule Services | New-PortalUserTypeModule -Permission View, Create -Layout Standard -View 'Upcoming Services' -Filter Contact_Name</code>
    /// <para>Builds an entry for the Services module from its portal meta, choosing layout, view and filter by name.</para>
    /// </example>
    /// <example>
    /// <code>Set-PortalUserType Customer -Module (New-PortalUserTypeModule Customer -Permission Edit, Create -ReadOnlyField Vehicle -RemoveField Service_Date)</code>
    /// <para>Lets Customer users edit and create records of their personality module, makes Vehicle read-only and takes Service_Date out of the portal.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "PortalUserTypeModule", DefaultParameterSetName = ByModuleSet)]
    [OutputType(typeof(UserTypeModule))]
    public sealed class NewPortalUserTypeModuleCmdlet : ZohoPortalCmdlet
    {
        private const string ByModuleSet = "ByModule";
        private const string FromMetaSet = "FromMeta";

        #region Parameters

        /// <summary><para type="description">The module: its API name (Contacts, Customer, Services, Notes...) or its id.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByModuleSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string Module { get; set; } = string.Empty;

        /// <summary><para type="description">The module's portal meta, from Get-PortalModuleMeta; layout, view and filter names are checked against it at once.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = FromMetaSet, ValueFromPipeline = true)]
        public PortalModuleMeta? InputObject { get; set; }

        /// <summary><para type="description">Permissions to grant: View, Edit, EditSharedRecords, Create, Delete, CreateAttachment, DeleteAttachment.</para></summary>
        [Parameter]
        public UserTypePermission[]? Permission { get; set; }

        /// <summary><para type="description">Permissions to take away (sent as false). View cannot be taken away: remove the module instead.</para></summary>
        [Parameter]
        public UserTypePermission[]? RevokePermission { get; set; }

        /// <summary><para type="description">Layouts the users may use, by id or name. Required for private modules in a new user type; replaces the module's layouts in Set-PortalUserType.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Layout { get; set; }

        /// <summary><para type="description">The custom or canvas view that lists the records, by id or name.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? View { get; set; }

        /// <summary><para type="description">CustomView or CanvasView. Default: the view's own type when it is named, CustomView when it is given by id.</para></summary>
        [Parameter]
        public UserTypeViewType? ViewType { get; set; }

        /// <summary><para type="description">The lookup field (id or API name) that scopes the module's records to the portal user.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary><para type="description">Private or Public; must match the module. Default: from portal meta.</para></summary>
        [Parameter]
        public UserTypeSharedType? SharedType { get; set; }

        /// <summary><para type="description">Fields (ids or API names) the users may see and edit.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Field { get; set; }

        /// <summary><para type="description">Fields (ids or API names) the users may see but not change. Mandatory layout fields cannot be read-only.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ReadOnlyField { get; set; }

        /// <summary><para type="description">Fields (ids or API names) to take out of the user type (Set-PortalUserType only; sent with "_delete").</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveField { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var meta = InputObject;
            CurrentTarget = (object?)meta ?? Module;
            var entry = new UserTypeModule();
            if (meta != null)
            {
                entry.Id = meta.Id;
                entry.ApiName = meta.ApiName;
                entry.PluralLabel = meta.PluralLabel;
                entry.SharedType = meta.SharedType;
            }
            else if (ZohoIdRules.IsId(Module)) entry.Id = Module;
            else entry.ApiName = Module;
            if (SharedType.HasValue) entry.SharedType = SharedType == UserTypeSharedType.Public ? "public" : "private";

            entry.Permissions = BuildPermissions();
            // With meta at hand every name is given as a name, so the core checks ids too; without
            // it, New-/Set-PortalUserType resolve the names (one meta call) by the same rules.
            var asName = meta != null;
            if (Layout != null) entry.Layouts = Layout.Select(l => !asName && ZohoIdRules.IsId(l) ? new UserTypeLayout { Id = l } : new UserTypeLayout { Name = l }).ToList();
            if (View != null) entry.Views = BuildView(View, asName);
            if (Filter != null) entry.Filters = new List<UserTypeFilter> { !asName && ZohoIdRules.IsId(Filter) ? new UserTypeFilter { Id = Filter } : new UserTypeFilter { ApiName = Filter } };
            entry.Fields = BuildFields();
            if (meta != null) ZohoPortalClient.CompleteModule(entry, meta);
            WriteObject(entry);
        }

        #endregion

        private UserTypePermissions? BuildPermissions()
        {
            if (Permission == null && RevokePermission == null) return null;
            var granted = Permission ?? new UserTypePermission[0];
            var revoked = RevokePermission ?? new UserTypePermission[0];
            if (revoked.Contains(UserTypePermission.View))
                throw new ZohoValidationException("ViewPermissionRequired",
                    "View cannot be revoked: Zoho requires it on every module of a user type. Use Set-PortalUserType -RemoveModule to take the module out.", "RevokePermission");
            var both = granted.Intersect(revoked).ToList();
            if (both.Count > 0)
                throw new ZohoValidationException("PermissionGrantedAndRevoked", "Permission " + string.Join(", ", both) + " is both granted and revoked.", "RevokePermission");
            var permissions = new UserTypePermissions();
            foreach (var p in granted) permissions.Set(p, true);
            foreach (var p in revoked) permissions.Set(p, false);
            return permissions;
        }

        private UserTypeView BuildView(string value, bool asName)
        {
            var type = ViewType.HasValue ? (ViewType == UserTypeViewType.CanvasView ? "canvas_view" : "custom_view") : null;
            return !asName && ZohoIdRules.IsId(value)
                ? new UserTypeView { Id = value, Type = type ?? "custom_view" }
                : new UserTypeView { Name = value, Type = type };
        }

        private List<UserTypeField>? BuildFields()
        {
            if (Field == null && ReadOnlyField == null && RemoveField == null) return null;
            var fields = new List<UserTypeField>();
            var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            void Add(string value, bool readOnly, bool remove)
            {
                if (!seen.Add(value))
                    throw new ZohoValidationException("DuplicateField", "Field '" + value + "' is named more than once.", "Field");
                fields.Add(new UserTypeField(value) { ReadOnly = readOnly, Delete = remove ? true : (bool?)null });
            }
            foreach (var f in Field ?? new string[0]) Add(f, readOnly: false, remove: false);
            foreach (var f in ReadOnlyField ?? new string[0]) Add(f, readOnly: true, remove: false);
            foreach (var f in RemoveField ?? new string[0]) Add(f, readOnly: false, remove: true);
            return fields;
        }
    }
}
