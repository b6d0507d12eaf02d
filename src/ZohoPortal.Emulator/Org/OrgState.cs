using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>
    /// Everything the emulated org holds. One lock (<see cref="Sync"/>) serialises changes, so
    /// every rule (counts, uniqueness) stays trivially consistent. Listing users takes no lock:
    /// the user types and each type's users (<see cref="UserIndex"/>) are read from immutable
    /// snapshots.
    /// </summary>
    public sealed partial class OrgState
    {
        internal readonly object Sync = new object();
        internal readonly IdGenerator Ids = new IdGenerator();

        /// <summary>The CRM user the emulated token belongs to (created_by / modified_by).</summary>
        internal CrmUser CurrentUser { get; } = new CrmUser("Patricia Boyle", "1306462000000186017");

        /// <summary>Portal names taken anywhere in Zoho (names are unique across Zoho, zoho-api.md "Portals").</summary>
        internal HashSet<string> TakenPortalNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "MyFirstCompany", "ZohoPortal" };

        internal PortalState? Portal { get; set; }

        /// <summary>CRM modules by API name (personality modules, related modules, Notes).</summary>
        internal Dictionary<string, CrmModule> Modules { get; } = new Dictionary<string, CrmModule>(StringComparer.OrdinalIgnoreCase);

        /// <summary>CRM records by id (the personality records that can be invited).</summary>
        internal Dictionary<string, CrmRecord> Records { get; } = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);

        private UserTypeState[] _userTypes = new UserTypeState[0];

        /// <summary>User types of the portal, in creation order (a snapshot; change it with Add/RemoveUserType under <see cref="Sync"/>).</summary>
        internal IReadOnlyList<UserTypeState> UserTypes => System.Threading.Volatile.Read(ref _userTypes);

        internal void AddUserType(UserTypeState type)
        {
            var next = new List<UserTypeState>(UserTypes) { type };
            System.Threading.Volatile.Write(ref _userTypes, next.ToArray());
        }

        internal void RemoveUserType(UserTypeState type)
        {
            var next = new List<UserTypeState>(UserTypes);
            next.Remove(type);
            System.Threading.Volatile.Write(ref _userTypes, next.ToArray());
        }

        /// <summary>Forgets every user type and portal user (the portal was deleted).</summary>
        internal void ClearPortalUsersAndTypes()
        {
            foreach (var type in UserTypes) type.Members.Clear();
            System.Threading.Volatile.Write(ref _userTypes, new UserTypeState[0]);
            Users.Clear();
            _emailCounts.Clear();
        }

        /// <summary>Adds portal users (each to its UserTypeId's index). Call under <see cref="Sync"/>.</summary>
        internal void AddUsers(IEnumerable<PortalUserState> users)
        {
            var byType = new Dictionary<string, List<PortalUserState>>(StringComparer.Ordinal);
            foreach (var user in users)
            {
                if (Users.TryGetValue(user.PersonalityId, out var replaced)) ForgetEmail(replaced);
                Users[user.PersonalityId] = user;
                NoteEmail(user);
                if (!byType.TryGetValue(user.UserTypeId, out var list)) byType[user.UserTypeId] = list = new List<PortalUserState>();
                list.Add(user);
            }
            foreach (var pair in byType) FindUserType(pair.Key)?.Members.Apply(null, pair.Value);
        }

        /// <summary>Moves portal users of <paramref name="from"/> to <paramref name="to"/>. Call under <see cref="Sync"/>.</summary>
        internal void MoveUsers(List<PortalUserState> users, UserTypeState from, UserTypeState to)
        {
            if (users.Count == 0) return;
            foreach (var user in users) user.UserTypeId = to.Id;
            from.Members.Apply(new HashSet<PortalUserState>(users), null);
            to.Members.Apply(null, new List<PortalUserState>(users));
        }

        /// <summary>Removes portal users of <paramref name="type"/> (their CRM records stay). Call under <see cref="Sync"/>.</summary>
        internal void RemoveUsers(List<PortalUserState> users, UserTypeState type)
        {
            if (users.Count == 0) return;
            foreach (var user in users)
                if (Users.TryGetValue(user.PersonalityId, out var removed) && Users.Remove(user.PersonalityId)) ForgetEmail(removed);
            type.Members.Apply(new HashSet<PortalUserState>(users), null);
        }

        /// <summary>Whether a portal user has this email (case-insensitive). Call under <see cref="Sync"/>.</summary>
        internal bool HasPortalEmail(string email) => _emailCounts.ContainsKey(email);

        // Portal users per email, kept with Users, so an invitation checks an email in constant time.
        private readonly Dictionary<string, int> _emailCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        private void NoteEmail(PortalUserState user)
        {
            if (string.IsNullOrEmpty(user.Email)) return;
            _emailCounts.TryGetValue(user.Email!, out var n);
            _emailCounts[user.Email!] = n + 1;
        }

        private void ForgetEmail(PortalUserState user)
        {
            if (string.IsNullOrEmpty(user.Email) || !_emailCounts.TryGetValue(user.Email!, out var n)) return;
            if (n <= 1) _emailCounts.Remove(user.Email!);
            else _emailCounts[user.Email!] = n - 1;
        }

        /// <summary>Portal users by personality id (= CRM record id).</summary>
        internal Dictionary<string, PortalUserState> Users { get; } = new Dictionary<string, PortalUserState>(StringComparer.Ordinal);

        /// <summary>Counts of portal users and user types, for tests and diagnostics.</summary>
        public int PortalUserCount { get { lock (Sync) return Users.Count; } }
        public int UserTypeCount => UserTypes.Count;
        public string? PortalName { get { lock (Sync) return Portal?.Name; } }

        internal UserTypeState? FindUserType(string id)
        {
            foreach (var type in UserTypes)
                if (type.Id == id) return type;
            return null;
        }

        /// <summary>A module by id or API name.</summary>
        internal CrmModule? FindModule(string idOrApiName)
        {
            if (Modules.TryGetValue(idOrApiName, out var byName)) return byName;
            foreach (var module in Modules.Values)
                if (module.Id == idOrApiName) return module;
            return null;
        }
    }

    internal sealed class CrmUser
    {
        public CrmUser(string name, string id)
        {
            Name = name;
            Id = id;
        }

        public string Name { get; }
        public string Id { get; }
        public JsonObject ToJson() => new JsonObject { ["name"] = Name, ["id"] = Id };
    }

    internal sealed class PortalState
    {
        public string Name { get; set; } = string.Empty;
        public bool Active { get; set; } = true;
        public string Zaid { get; set; } = string.Empty;
        public DateTimeOffset CreatedTime { get; set; }
        public DateTimeOffset ModifiedTime { get; set; }
    }

    /// <summary>A CRM module and the metadata a user type can refer to.</summary>
    internal sealed class CrmModule
    {
        public string Id { get; set; } = string.Empty;
        public string ApiName { get; set; } = string.Empty;
        public string PluralLabel { get; set; } = string.Empty;
        public string SharedType { get; set; } = "private";
        /// <summary>True when the module can be the personality module of a user type.</summary>
        public bool CanBePersonality { get; set; }
        public List<CrmLayout> Layouts { get; } = new List<CrmLayout>();
        public List<CrmView> Views { get; } = new List<CrmView>();
        public List<CrmField> Fields { get; } = new List<CrmField>();
        /// <summary>Lookup fields usable as user-type filters.</summary>
        public List<CrmField> Filters { get; } = new List<CrmField>();
        /// <summary>Personality modules this module is linked to by a lookup, so it can go into their user types (zoho-api.md "Portal meta").</summary>
        public HashSet<string> RelatedTo { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Notes can go into every user type and must be in each (zoho-api.md "User types").</summary>
        public bool IsNotes => string.Equals(ApiName, "Notes", StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether this module may be part of a user type of <paramref name="personality"/>.</summary>
        public bool CanJoin(string personality) =>
            IsNotes || string.Equals(ApiName, personality, StringComparison.OrdinalIgnoreCase) || RelatedTo.Contains(personality);
    }

    internal sealed class CrmLayout
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string DisplayLabel { get; set; } = string.Empty;
        /// <summary>
        /// How the layout is shown by default in the portal: the layout itself (type "layout",
        /// same id and names) unless a wizard is set (type "wizard").
        /// </summary>
        public CrmView? DefaultView { get; set; }

        /// <summary>A layout inside a user type's module, as Zoho's model has it: {display_label, name, id, _default_view}.</summary>
        public JsonObject ToUserTypeJson()
        {
            var view = DefaultView ?? new CrmView { Id = Id, Name = Name, DisplayLabel = DisplayLabel, Type = "layout" };
            return new JsonObject
            {
                ["display_label"] = DisplayLabel,
                ["name"] = Name,
                ["id"] = Id,
                ["_default_view"] = view.ToJson(),
            };
        }
    }

    internal sealed class CrmView
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string DisplayLabel { get; set; } = string.Empty;
        /// <summary>custom_view or canvas_view for a module's views; layout or wizard for a layout's default view.</summary>
        public string Type { get; set; } = "custom_view";

        public JsonObject ToJson() => new JsonObject { ["display_label"] = DisplayLabel, ["name"] = Name, ["id"] = Id, ["type"] = Type };
    }

    internal sealed class CrmField
    {
        public string Id { get; set; } = string.Empty;
        public string ApiName { get; set; } = string.Empty;
        public string DisplayLabel { get; set; } = string.Empty;
        public bool Mandatory { get; set; }
        /// <summary>For a lookup used as a filter: the personality module it points at (null: usable for any).</summary>
        public string? LookupTo { get; set; }

        public bool CanFilterFor(string personality) => LookupTo == null || string.Equals(LookupTo, personality, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A record of a personality module (a contact, say).</summary>
    internal sealed class CrmRecord
    {
        public string Id { get; set; } = string.Empty;
        public string Module { get; set; } = "Contacts";
        public string Name { get; set; } = string.Empty;
        public string? Email { get; set; }
    }

    internal sealed class UserTypeState
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public bool Default { get; set; }
        public bool Active { get; set; } = true;
        public string PersonalityModule { get; set; } = "Contacts";
        /// <summary>API name of the field that receives invitations, when one was configured.</summary>
        public string? InvitationField { get; set; }
        public DateTimeOffset CreatedTime { get; set; }
        public DateTimeOffset ModifiedTime { get; set; }
        /// <summary>Module permissions exactly as configured (the "modules" array of the API).</summary>
        public JsonArray Modules { get; set; } = new JsonArray();
        /// <summary>The type's portal users in listing order, readable without the org's lock.</summary>
        public UserIndex Members { get; } = new UserIndex();
    }

    internal sealed class PortalUserState
    {
        public string PersonalityId { get; set; } = string.Empty;
        public string Module { get; set; } = "Contacts";
        public string Name { get; set; } = string.Empty;
        public string? Email { get; set; }
        public string UserTypeId { get; set; } = string.Empty;
        public bool Active { get; set; } = true;
        public bool Confirmed { get; set; }
        public string? StatusReason { get; set; }
        public DateTimeOffset InvitedTime { get; set; }
    }
}
