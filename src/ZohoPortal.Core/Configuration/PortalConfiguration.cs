using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>
    /// A portal's user types as a file (Export-PortalConfiguration): everything a user type
    /// configures, named by API name (modules, fields, filters) or name (layouts, views), with the
    /// source org's ids kept alongside for reference. Names, not ids, decide what a file means in
    /// another org, where the ids differ.
    /// </summary>
    public sealed class PortalConfiguration
    {
        /// <summary>The file format this module writes and reads.</summary>
        public const int CurrentSchemaVersion = 1;

        /// <summary>The file format version; only <see cref="CurrentSchemaVersion"/> is read.</summary>
        public int SchemaVersion { get; set; } = CurrentSchemaVersion;
        /// <summary>The portal the file was exported from (information: an import acts on the connection's portal).</summary>
        public string? Portal { get; set; }
        /// <summary>Every user type the portal should have, sorted by name.</summary>
        public List<ConfiguredUserType> UserTypes { get; set; } = new List<ConfiguredUserType>();
        /// <summary>User types that are to go, with the user type their users move to.</summary>
        public List<RemovedUserType>? Removed { get; set; }

        /// <summary>Sorts everything into the file's stable order (names, case-insensitively; ties by exact name).</summary>
        public void Normalize()
        {
            UserTypes = Sorted(UserTypes ?? new List<ConfiguredUserType>(), t => t.Name);
            foreach (var type in UserTypes) type.Normalize();
            if (Removed != null) Removed = Removed.Count == 0 ? null : Sorted(Removed, r => r.Name);
        }

        internal static List<T> Sorted<T>(IEnumerable<T> items, Func<T, string?> key) =>
            items.Where(i => i != null)
                .OrderBy(i => key(i) ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .ThenBy(i => key(i) ?? string.Empty, StringComparer.Ordinal)
                .ToList();

        public override string ToString() => (Portal ?? "(portal)") + ": " + string.Join(", ", (UserTypes ?? new List<ConfiguredUserType>()).Select(t => t.Name));
    }

    /// <summary>One user type in a configuration file.</summary>
    public sealed class ConfiguredUserType
    {
        public string Name { get; set; } = string.Empty;
        /// <summary>The id in the org the file came from; an import matches by it when the target has it (a rename keeps the id).</summary>
        public string? Id { get; set; }
        /// <summary>The user type Zoho created with the portal (it cannot be deleted, nor its personality module changed).</summary>
        public bool Default { get; set; }
        public bool Active { get; set; }
        public ConfiguredModuleRef PersonalityModule { get; set; } = new ConfiguredModuleRef();
        /// <summary>The field invitations are sent to (a field of the personality module), when one is set.</summary>
        public ConfiguredModuleRef? InvitationField { get; set; }
        public List<ConfiguredModule> Modules { get; set; } = new List<ConfiguredModule>();

        internal void Normalize()
        {
            Modules = PortalConfiguration.Sorted(Modules ?? new List<ConfiguredModule>(), m => m.ApiName);
            foreach (var module in Modules) module.Normalize();
        }

        public override string ToString() => Name;
    }

    /// <summary>A module or field: its API name, and its id in the org the file came from.</summary>
    public sealed class ConfiguredModuleRef
    {
        public string ApiName { get; set; } = string.Empty;
        public string? Id { get; set; }

        public override string ToString() => ApiName;
    }

    /// <summary>A layout or view: its name, its id in the source org and, for a view, its type (custom_view, canvas_view).</summary>
    public sealed class ConfiguredNamedRef
    {
        public string Name { get; set; } = string.Empty;
        public string? Id { get; set; }
        /// <summary>custom_view or canvas_view (views only).</summary>
        public string? Type { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>One module of a user type: what its users may do there and see of it.</summary>
    public sealed class ConfiguredModule
    {
        public string ApiName { get; set; } = string.Empty;
        public string? Id { get; set; }
        /// <summary>private or public, as the module is shared in CRM (information; the target's sharing is what is sent).</summary>
        public string? SharedType { get; set; }
        public ConfiguredPermissions Permissions { get; set; } = new ConfiguredPermissions();
        /// <summary>Layouts shown to portal users (private modules with layouts need one).</summary>
        public List<ConfiguredNamedRef>? Layouts { get; set; }
        /// <summary>The custom or canvas view listing the records (modules with views need one).</summary>
        public ConfiguredNamedRef? View { get; set; }
        /// <summary>The lookup field that scopes the records to the portal user (at most one).</summary>
        public List<ConfiguredModuleRef>? Filters { get; set; }
        /// <summary>Field permissions: the fields shown, each editable or read-only.</summary>
        public List<ConfiguredField>? Fields { get; set; }

        internal void Normalize()
        {
            Permissions = Permissions ?? new ConfiguredPermissions();
            Layouts = Layouts == null || Layouts.Count == 0 ? null : PortalConfiguration.Sorted(Layouts, l => l.Name);
            Filters = Filters == null || Filters.Count == 0 ? null : PortalConfiguration.Sorted(Filters, f => f.ApiName);
            Fields = Fields == null || Fields.Count == 0 ? null : PortalConfiguration.Sorted(Fields, f => f.ApiName);
        }

        public override string ToString() => ApiName;
    }

    /// <summary>A module's permissions; an absent key means false (Notes has no edit keys, record modules no attachment keys).</summary>
    public sealed class ConfiguredPermissions
    {
        public bool? View { get; set; }
        public bool? Edit { get; set; }
        public bool? EditSharedRecords { get; set; }
        public bool? Create { get; set; }
        public bool? Delete { get; set; }
        public bool? CreateAttachment { get; set; }
        public bool? DeleteAttachment { get; set; }

        public override string ToString() => string.Join(", ",
            new[] { ("View", View), ("Edit", Edit), ("EditSharedRecords", EditSharedRecords), ("Create", Create), ("Delete", Delete), ("CreateAttachment", CreateAttachment), ("DeleteAttachment", DeleteAttachment) }
                .Where(p => p.Item2 == true).Select(p => p.Item1));
    }

    /// <summary>A field permission: the field's API name, its source id, and whether portal users may only read it.</summary>
    public sealed class ConfiguredField
    {
        public string ApiName { get; set; } = string.Empty;
        public string? Id { get; set; }
        public bool ReadOnly { get; set; }

        public override string ToString() => ApiName + (ReadOnly ? " (read-only)" : string.Empty);
    }

    /// <summary>
    /// A user type the target org should no longer have, and where its users go. A type of the
    /// target that the file does not list is deleted anyway; this entry is how the file names the
    /// user type that receives its users.
    /// </summary>
    public sealed class RemovedUserType
    {
        public string Name { get; set; } = string.Empty;
        public string? Id { get; set; }
        /// <summary>The name of a user type of the file that receives the users.</summary>
        public string? TransferTo { get; set; }

        public override string ToString() => Name + (TransferTo == null ? string.Empty : " -> " + TransferTo);
    }
}
