using System;
using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>What the planner knows of the target org: its user types (with modules) and the metadata the file's names are resolved against.</summary>
    public sealed class PortalConfigurationTarget
    {
        public string Portal { get; set; } = string.Empty;
        public List<PortalUserType> UserTypes { get; set; } = new List<PortalUserType>();
        /// <summary>Portal meta per personality module (API name); a personality module that is missing here is not one the target has.</summary>
        public Dictionary<string, List<PortalModuleMeta>> MetaByPersonality { get; set; } = new Dictionary<string, List<PortalModuleMeta>>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Fields per module (API name), for the modules whose fields the file names.</summary>
        public Dictionary<string, List<CrmFieldMeta>> FieldsByModule { get; set; } = new Dictionary<string, List<CrmFieldMeta>>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Version number of the API (transfer of users works on all; kept for the request text).</summary>
        public int ApiVersion { get; set; } = 8;
    }

    /// <summary>
    /// Turns a configuration file and the target org's state into plan steps, without a request:
    /// matching (by id when the target has that id, else by name, else the default type with the
    /// default type), name resolution against the target's meta (every missing name listed in one
    /// error), the changed properties, and the safe order.
    /// </summary>
    public static class PortalConfigurationPlanner
    {
        private const string None = "(none)";

        public static PortalConfigurationPlan Plan(PortalConfiguration file, PortalConfigurationTarget target, string? defaultTransferTo = null)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            if (target == null) throw new ArgumentNullException(nameof(target));
            file.Normalize();
            var portal = target.Portal;
            var current = target.UserTypes;

            // 1. Match the file's types to the target's.
            var matches = new Dictionary<ConfiguredUserType, PortalUserType>();
            var taken = new HashSet<PortalUserType>();
            foreach (var desired in file.UserTypes.Where(t => !string.IsNullOrEmpty(t.Id)))
            {
                var byId = current.FirstOrDefault(c => c.Id == desired.Id);
                if (byId != null) { matches[desired] = byId; taken.Add(byId); }
            }
            foreach (var desired in file.UserTypes.Where(t => !matches.ContainsKey(t)))
            {
                var byName = current.FirstOrDefault(c => !taken.Contains(c) && string.Equals(c.Name, desired.Name, StringComparison.OrdinalIgnoreCase));
                if (byName != null) { matches[desired] = byName; taken.Add(byName); }
            }
            var fileDefault = file.UserTypes.FirstOrDefault(t => t.Default && !matches.ContainsKey(t));
            var targetDefault = current.FirstOrDefault(c => c.Default && !taken.Contains(c));
            if (fileDefault != null && targetDefault != null) { matches[fileDefault] = targetDefault; taken.Add(targetDefault); }

            // 2. Resolve every desired type's names in the target; collect every problem before failing.
            var missing = new List<string>();
            var problems = new List<string>();
            var resolved = new Dictionary<ConfiguredUserType, List<UserTypeModule>>();
            foreach (var desired in file.UserTypes)
                resolved[desired] = Resolve(desired, target, missing, problems);
            if (missing.Count > 0)
                throw new PortalConfigurationException("ConfigurationNamesNotInTarget", PortalConfigurationErrorKind.NotInTarget,
                    "The configuration names " + (missing.Count == 1 ? "something" : missing.Count + " things") + " that portal '" + portal
                    + "' of the target org does not have, so nothing was changed: " + string.Join("; ", missing) + ".", missing);

            var steps = new List<PortalConfigurationStep>();
            var creates = new Dictionary<string, PortalConfigurationStep>(StringComparer.OrdinalIgnoreCase);
            var unchanged = new List<PortalConfigurationStep>();

            // 3. Updates and unchanged types.
            foreach (var desired in file.UserTypes.Where(matches.ContainsKey))
            {
                var now = matches[desired];
                var step = Compare(portal, desired, now, resolved[desired], problems);
                if (step.Action == PortalConfigurationAction.Unchanged) unchanged.Add(step);
                else steps.Add(step);
            }

            // 4. Creates.
            foreach (var desired in file.UserTypes.Where(t => !matches.ContainsKey(t)))
            {
                var step = new PortalConfigurationStep
                {
                    Action = PortalConfigurationAction.Create,
                    UserTypeName = desired.Name,
                    PortalName = portal,
                    Desired = desired,
                    Request = "POST " + ZohoPortalClient.UserTypesPath(portal),
                    Input = new PortalUserTypeInput
                    {
                        Name = desired.Name,
                        PersonalityModule = desired.PersonalityModule.ApiName,
                        Active = desired.Active,
                        InvitationField = desired.InvitationField?.ApiName,
                        Modules = resolved[desired],
                    },
                };
                step.Changes.Add(new PortalConfigurationChange("Name", None, desired.Name));
                step.Changes.Add(new PortalConfigurationChange("Active", None, desired.Active.ToString()));
                step.Changes.Add(new PortalConfigurationChange("PersonalityModule", None, desired.PersonalityModule.ApiName));
                if (desired.InvitationField != null) step.Changes.Add(new PortalConfigurationChange("InvitationField", None, desired.InvitationField.ApiName));
                foreach (var module in desired.Modules) step.Changes.Add(new PortalConfigurationChange("Modules[" + module.ApiName + "]", None, PermissionText(module.Permissions)));
                steps.Add(step);
                creates[desired.Name] = step;
            }

            // 5. Deletes: target types the file does not list.
            var removed = file.Removed ?? new List<RemovedUserType>();
            foreach (var gone in current.Where(c => !taken.Contains(c)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (gone.Default)
                {
                    problems.Add("the default user type '" + gone.Name + "' is not in the file, and Zoho does not delete a portal's default user type; add it to userTypes (a rename keeps its id)");
                    continue;
                }
                var entry = removed.FirstOrDefault(r => !string.IsNullOrEmpty(r.Id) && r.Id == gone.Id)
                    ?? removed.FirstOrDefault(r => string.Equals(r.Name, gone.Name, StringComparison.OrdinalIgnoreCase));
                var transferTo = entry?.TransferTo ?? defaultTransferTo;
                var step = new PortalConfigurationStep
                {
                    Action = PortalConfigurationAction.Delete,
                    UserTypeName = gone.Name,
                    UserTypeId = gone.Id,
                    PortalName = portal,
                    Current = gone,
                    UserCount = gone.UserCount,
                };
                step.Changes.Add(new PortalConfigurationChange("Name", gone.Name, None));
                var users = gone.UserCount ?? 0;
                if (transferTo != null)
                {
                    var keptDesired = file.UserTypes.FirstOrDefault(t => string.Equals(t.Name, transferTo, StringComparison.OrdinalIgnoreCase));
                    var kept = current.FirstOrDefault(c => taken.Contains(c) && string.Equals(c.Name, transferTo, StringComparison.OrdinalIgnoreCase));
                    if (keptDesired != null && matches.TryGetValue(keptDesired, out var keptCurrent)) kept = keptCurrent;
                    if (keptDesired != null && creates.TryGetValue(keptDesired.Name, out var create))
                    {
                        step.TransferToCreate = create;
                        step.TransferTo = keptDesired.Name;
                    }
                    else if (kept != null)
                    {
                        step.TransferToId = kept.Id;
                        step.TransferTo = keptDesired?.Name ?? kept.Name;
                    }
                    else
                    {
                        problems.Add("user type '" + gone.Name + "' is to move its users to '" + transferTo + "', which is not a user type the portal keeps");
                    }
                    if (step.TransferTo != null) step.Changes.Add(new PortalConfigurationChange("Users", users + (users == 1 ? " user" : " users"), "moved to " + step.TransferTo));
                }
                else if (users > 0)
                {
                    problems.Add("user type '" + gone.Name + "' is not in the file and has " + users + (users == 1 ? " user" : " users")
                        + ", who need another user type: add {\"name\": \"" + gone.Name + "\", \"transferTo\": \"<user type>\"} to removed, or give -TransferUsersTo");
                }
                var path = ZohoPortalClient.UserTypePath(portal, gone.Id);
                var transferCalls = (users + ZohoPortalClient.MaxTransferBatch - 1) / ZohoPortalClient.MaxTransferBatch;
                step.Request = (step.TransferTo != null && users > 0
                    ? "POST " + path + "/users/action/transfer (" + users + " users, " + transferCalls + (transferCalls == 1 ? " call" : " calls") + " of up to " + ZohoPortalClient.MaxTransferBatch + "), then "
                    : string.Empty) + "DELETE " + path;
                steps.Add(step);
            }

            // Creates run before deletes (a new type may receive a removed type's users), so they must fit beside every current type.
            var createCount = steps.Count(s => s.Action == PortalConfigurationAction.Create);
            if (createCount > 0 && current.Count + createCount > ZohoPortalClient.MaxUserTypes)
                problems.Add("the portal has " + current.Count + " user types and the file creates " + createCount + "; creates run before deletes, and Zoho allows "
                    + ZohoPortalClient.MaxUserTypes + " user types per org: remove types first (a file without the new types), then import this one");

            if (problems.Count > 0)
                throw new PortalConfigurationException("ConfigurationCannotApply", PortalConfigurationErrorKind.CannotApply,
                    "The configuration cannot be applied to portal '" + portal + "' as it is, so nothing was changed: " + string.Join("; ", problems) + ".", problems);

            // Safe order: updates (renames free names), creates (transfer targets exist), then each delete after moving its users.
            var ordered = steps.Where(s => s.Action == PortalConfigurationAction.Update)
                .Concat(steps.Where(s => s.Action == PortalConfigurationAction.Create))
                .Concat(steps.Where(s => s.Action == PortalConfigurationAction.Delete))
                .Concat(unchanged.OrderBy(s => s.UserTypeName, StringComparer.OrdinalIgnoreCase))
                .ToList();
            for (var i = 0; i < ordered.Count; i++) ordered[i].Order = i + 1;
            return new PortalConfigurationPlan(portal, file, ordered);
        }

        /// <summary>
        /// True when <paramref name="now"/> is as <paramref name="desired"/> says, by the plan's own
        /// comparison (names, not ids; absent permissions are false). Needs no metadata: it is how
        /// a lost update's answer is read back.
        /// </summary>
        public static bool Matches(string portal, ConfiguredUserType desired, PortalUserType now)
        {
            if (desired == null) throw new ArgumentNullException(nameof(desired));
            if (now == null) throw new ArgumentNullException(nameof(now));
            desired.Normalize();
            var byName = desired.Modules.Select(m => new UserTypeModule
            {
                ApiName = m.ApiName,
                Permissions = ToPermissions(m.Permissions),
                Layouts = m.Layouts?.Select(l => new UserTypeLayout { Name = l.Name }).ToList(),
                Views = m.View == null ? null : new UserTypeView { Name = m.View.Name, Type = m.View.Type },
                Filters = m.Filters?.Select(f => new UserTypeFilter { ApiName = f.ApiName }).ToList(),
                Fields = m.Fields?.Select(f => new UserTypeField { ApiName = f.ApiName, ReadOnly = f.ReadOnly }).ToList(),
            }).ToList();
            return Compare(portal, desired, now, byName, new List<string>()).Action == PortalConfigurationAction.Unchanged;
        }

        /// <summary>The update step (or an Unchanged one) for a matched pair.</summary>
        private static PortalConfigurationStep Compare(string portal, ConfiguredUserType desired, PortalUserType now, List<UserTypeModule> resolved, List<string> problems)
        {
            var current = PortalConfigurationConverter.FromUserType(now);
            var step = new PortalConfigurationStep
            {
                UserTypeName = desired.Name,
                UserTypeId = now.Id,
                PortalName = portal,
                Current = now,
                Desired = desired,
                Request = "PUT " + ZohoPortalClient.UserTypePath(portal, now.Id),
            };
            var input = new PortalUserTypeInput();
            if (!string.Equals(desired.Name, current.Name, StringComparison.Ordinal))
            {
                step.Changes.Add(new PortalConfigurationChange("Name", current.Name, desired.Name));
                input.Name = desired.Name;
            }
            if (desired.Active != current.Active)
            {
                step.Changes.Add(new PortalConfigurationChange("Active", current.Active.ToString(), desired.Active.ToString()));
                input.Active = desired.Active;
            }
            // Zoho offers no way to clear an invitation field, so a file without one leaves it as it is.
            if (desired.InvitationField != null && !string.Equals(desired.InvitationField.ApiName, current.InvitationField?.ApiName, StringComparison.OrdinalIgnoreCase))
            {
                step.Changes.Add(new PortalConfigurationChange("InvitationField", current.InvitationField?.ApiName ?? None, desired.InvitationField.ApiName));
                input.InvitationField = desired.InvitationField.ApiName;
            }
            var personalityChanges = !string.Equals(desired.PersonalityModule.ApiName, current.PersonalityModule.ApiName, StringComparison.OrdinalIgnoreCase);
            if (personalityChanges)
            {
                if (now.Default)
                    problems.Add("user type '" + now.Name + "' is the portal's default user type, whose personality module (" + current.PersonalityModule.ApiName + ") Zoho does not change; the file says " + desired.PersonalityModule.ApiName);
                step.Changes.Add(new PortalConfigurationChange("PersonalityModule", current.PersonalityModule.ApiName, desired.PersonalityModule.ApiName));
                input.PersonalityModule = desired.PersonalityModule.ApiName;
            }

            var entries = new List<UserTypeModule>();
            foreach (var want in desired.Modules)
            {
                var entry = resolved.First(m => string.Equals(m.ApiName, want.ApiName, StringComparison.OrdinalIgnoreCase));
                var have = current.Modules.FirstOrDefault(m => string.Equals(m.ApiName, want.ApiName, StringComparison.OrdinalIgnoreCase));
                if (have == null)
                {
                    step.Changes.Add(new PortalConfigurationChange("Modules[" + want.ApiName + "]", None, PermissionText(want.Permissions)));
                    entries.Add(entry);
                    continue;
                }
                var partial = CompareModule(want, have, entry, step.Changes);
                if (partial != null) entries.Add(partial);
            }
            foreach (var have in current.Modules.Where(h => !desired.Modules.Any(m => string.Equals(m.ApiName, h.ApiName, StringComparison.OrdinalIgnoreCase))))
            {
                step.Changes.Add(new PortalConfigurationChange("Modules[" + have.ApiName + "]", PermissionText(have.Permissions), None));
                if (!personalityChanges) entries.Add(new UserTypeModule { Id = have.Id, ApiName = have.ApiName, Delete = true });
            }
            // A new personality module brings a new set of related modules: Zoho wants the whole list again.
            if (personalityChanges) input.Modules = resolved;
            else if (entries.Count > 0) input.Modules = entries;

            step.Action = step.Changes.Count == 0 ? PortalConfigurationAction.Unchanged : PortalConfigurationAction.Update;
            if (step.Action == PortalConfigurationAction.Unchanged) step.Request = "(none)";
            else step.Input = input;
            return step;
        }

        /// <summary>The partial entry for a module both sides have (null when it is the same), adding its changes.</summary>
        private static UserTypeModule? CompareModule(ConfiguredModule want, ConfiguredModule have, UserTypeModule full, List<PortalConfigurationChange> changes)
        {
            var prefix = "Modules[" + want.ApiName + "]";
            var entry = new UserTypeModule { Id = full.Id, ApiName = full.ApiName, SharedType = full.SharedType };
            var changed = false;

            foreach (UserTypePermission p in Enum.GetValues(typeof(UserTypePermission)))
            {
                var w = Get(want.Permissions, p) ?? false;
                var h = Get(have.Permissions, p) ?? false;
                if (w == h) continue;
                changes.Add(new PortalConfigurationChange(prefix + ".Permissions." + p, h.ToString(), w.ToString()));
                entry.Permissions = entry.Permissions ?? new UserTypePermissions();
                entry.Permissions.Set(p, w);
                changed = true;
            }

            var wantLayouts = Names(want.Layouts?.Select(l => l.Name));
            var haveLayouts = Names(have.Layouts?.Select(l => l.Name));
            if (!string.Equals(wantLayouts, haveLayouts, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new PortalConfigurationChange(prefix + ".Layouts", haveLayouts, wantLayouts));
                entry.Layouts = full.Layouts ?? new List<UserTypeLayout>();
                changed = true;
            }

            var wantView = want.View?.Name ?? None;
            var haveView = have.View?.Name ?? None;
            if (!string.Equals(wantView, haveView, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new PortalConfigurationChange(prefix + ".View", haveView, wantView));
                entry.Views = full.Views;
                changed = true;
            }

            var wantFilter = Names(want.Filters?.Select(f => f.ApiName));
            var haveFilter = Names(have.Filters?.Select(f => f.ApiName));
            if (!string.Equals(wantFilter, haveFilter, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new PortalConfigurationChange(prefix + ".Filter", haveFilter, wantFilter));
                // An empty list takes the filter away; null would leave it as it is.
                entry.Filters = full.Filters ?? new List<UserTypeFilter>();
                changed = true;
            }

            var fieldEntries = new List<UserTypeField>();
            var haveFields = have.Fields ?? new List<ConfiguredField>();
            foreach (var field in want.Fields ?? new List<ConfiguredField>())
            {
                var old = haveFields.FirstOrDefault(f => string.Equals(f.ApiName, field.ApiName, StringComparison.OrdinalIgnoreCase));
                if (old != null && old.ReadOnly == field.ReadOnly) continue;
                changes.Add(new PortalConfigurationChange(prefix + ".Fields[" + field.ApiName + "]", old == null ? None : FieldText(old), FieldText(field)));
                fieldEntries.Add(full.Fields!.First(f => string.Equals(f.ApiName, field.ApiName, StringComparison.OrdinalIgnoreCase)));
            }
            foreach (var old in haveFields.Where(h => !(want.Fields ?? new List<ConfiguredField>()).Any(f => string.Equals(f.ApiName, h.ApiName, StringComparison.OrdinalIgnoreCase))))
            {
                changes.Add(new PortalConfigurationChange(prefix + ".Fields[" + old.ApiName + "]", FieldText(old), None));
                fieldEntries.Add(new UserTypeField { Id = old.Id, ApiName = old.Id == null ? old.ApiName : null, ReadOnly = old.ReadOnly, Delete = true });
            }
            if (fieldEntries.Count > 0)
            {
                entry.Fields = fieldEntries;
                changed = true;
            }
            return changed ? entry : null;
        }

        /// <summary>One desired type's modules as the target will get them: ids, sharing and view types from the target's meta.</summary>
        private static List<UserTypeModule> Resolve(ConfiguredUserType desired, PortalConfigurationTarget target, List<string> missing, List<string> problems)
        {
            var label = "user type '" + desired.Name + "'";
            var result = new List<UserTypeModule>();
            var personality = desired.PersonalityModule.ApiName;
            if (!target.MetaByPersonality.TryGetValue(personality, out var meta))
            {
                missing.Add("personality module " + personality + " (" + label + ")");
                return result;
            }
            if (desired.InvitationField != null)
            {
                if (!target.FieldsByModule.TryGetValue(personality, out var personalityFields)
                    || !personalityFields.Any(f => string.Equals(f.ApiName, desired.InvitationField.ApiName, StringComparison.OrdinalIgnoreCase)))
                    missing.Add("field " + personality + "." + desired.InvitationField.ApiName + " (invitation field of " + label + ")");
            }
            foreach (var module in desired.Modules)
            {
                var found = meta.FirstOrDefault(m => string.Equals(m.ApiName, module.ApiName, StringComparison.OrdinalIgnoreCase));
                if (found == null)
                {
                    missing.Add("module " + module.ApiName + " (" + label + "; modules a " + personality + " user type can have: " + string.Join(", ", meta.Select(m => m.ApiName)) + ")");
                    continue;
                }
                var where = label + ", module " + found.ApiName;
                var entry = new UserTypeModule
                {
                    Id = found.Id,
                    ApiName = found.ApiName,
                    PluralLabel = found.PluralLabel,
                    SharedType = found.SharedType,
                    Permissions = ToPermissions(module.Permissions),
                };
                if (module.Layouts != null)
                {
                    entry.Layouts = new List<UserTypeLayout>();
                    foreach (var layout in module.Layouts)
                    {
                        var match = found.Layouts.FirstOrDefault(l => string.Equals(l.Name, layout.Name, StringComparison.OrdinalIgnoreCase));
                        if (match == null) missing.Add("layout '" + layout.Name + "' of " + found.ApiName + " (" + label + ")");
                        else entry.Layouts.Add(new UserTypeLayout { Id = match.Id, Name = match.Name, DisplayLabel = match.DisplayLabel });
                    }
                }
                if (module.View != null)
                {
                    var match = found.Views.FirstOrDefault(v => string.Equals(v.Name, module.View.Name, StringComparison.OrdinalIgnoreCase));
                    if (match == null) missing.Add("view '" + module.View.Name + "' of " + found.ApiName + " (" + label + ")");
                    else entry.Views = new UserTypeView { Id = match.Id, Name = match.Name, DisplayLabel = match.DisplayLabel, Type = match.Type ?? module.View.Type };
                }
                if (module.Filters != null)
                {
                    entry.Filters = new List<UserTypeFilter>();
                    foreach (var filter in module.Filters)
                    {
                        var match = found.Filters.FirstOrDefault(f => string.Equals(f.ApiName, filter.ApiName, StringComparison.OrdinalIgnoreCase));
                        if (match == null) missing.Add("filter field " + found.ApiName + "." + filter.ApiName + " (" + label + ")");
                        else entry.Filters.Add(new UserTypeFilter { Id = match.Id, ApiName = match.ApiName, DisplayLabel = match.DisplayLabel });
                    }
                }
                if (module.Fields != null)
                {
                    entry.Fields = new List<UserTypeField>();
                    target.FieldsByModule.TryGetValue(found.ApiName, out var fields);
                    foreach (var field in module.Fields)
                    {
                        var match = fields?.FirstOrDefault(f => string.Equals(f.ApiName, field.ApiName, StringComparison.OrdinalIgnoreCase));
                        if (match == null) missing.Add("field " + found.ApiName + "." + field.ApiName + " (" + label + ")");
                        else entry.Fields.Add(new UserTypeField { Id = match.Id, ApiName = match.ApiName, ReadOnly = field.ReadOnly });
                    }
                }
                // Zoho's rules for a module entry, checked here so the plan fails before anything is sent.
                var isNotes = string.Equals(found.ApiName, "Notes", StringComparison.OrdinalIgnoreCase);
                if (!isNotes && (entry.Layouts == null || entry.Layouts.Count == 0) && found.Layouts.Count > 0 && !string.Equals(found.SharedType, "public", StringComparison.OrdinalIgnoreCase))
                    problems.Add(where + " needs a layout (it is private); layouts: " + string.Join(", ", found.Layouts.Select(l => l.Name)));
                if (!isNotes && module.View == null && found.Views.Count > 0)
                    problems.Add(where + " needs a view; views: " + string.Join(", ", found.Views.Select(v => v.Name)));
                result.Add(entry);
            }
            var names = new HashSet<string>(desired.Modules.Select(m => m.ApiName), StringComparer.OrdinalIgnoreCase);
            if (!names.Contains(personality) || !names.Contains("Notes"))
                problems.Add(label + " must have its personality module (" + personality + ") and Notes among its modules");
            return result;
        }

        private static UserTypePermissions ToPermissions(ConfiguredPermissions? p)
        {
            p = p ?? new ConfiguredPermissions();
            return new UserTypePermissions
            {
                View = true,
                Edit = p.Edit,
                EditSharedRecords = p.EditSharedRecords,
                Create = p.Create,
                Delete = p.Delete,
                CreateAttachment = p.CreateAttachment,
                DeleteAttachment = p.DeleteAttachment,
            };
        }

        private static bool? Get(ConfiguredPermissions? p, UserTypePermission permission)
        {
            if (p == null) return null;
            switch (permission)
            {
                case UserTypePermission.View: return p.View;
                case UserTypePermission.Edit: return p.Edit;
                case UserTypePermission.EditSharedRecords: return p.EditSharedRecords;
                case UserTypePermission.Create: return p.Create;
                case UserTypePermission.Delete: return p.Delete;
                case UserTypePermission.CreateAttachment: return p.CreateAttachment;
                default: return p.DeleteAttachment;
            }
        }

        internal static string PermissionText(ConfiguredPermissions? p)
        {
            var text = p?.ToString();
            return string.IsNullOrEmpty(text) ? "View" : text!;
        }

        private static string FieldText(ConfiguredField f) => f.ReadOnly ? "read-only" : "editable";

        private static string Names(IEnumerable<string>? names)
        {
            var list = names?.Where(n => !string.IsNullOrEmpty(n)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            return list == null || list.Count == 0 ? None : string.Join(", ", list);
        }
    }
}
