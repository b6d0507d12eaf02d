using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    /// <summary>
    /// Planning a new user type: the validations and the meta-name resolution live here once, and
    /// both -WhatIf and the real run go through them.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>
        /// Validates a new user type and resolves it into the body Zoho will get. Module entries
        /// may name modules, layouts, views and filters instead of giving ids; one portal-meta
        /// call fills them in, and the same call shows which modules need a layout (private
        /// modules that have layouts) and a view (modules that have views): an entry without one
        /// is refused here, naming the module and its choices, instead of Zoho's
        /// DEPENDENT_FIELD_MISSING that names only a JSON path.
        /// </summary>
        public async Task<UserTypeCreationPlan> PlanUserTypeCreationAsync(string portal, PortalUserTypeInput input, CancellationToken cancellationToken = default)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            UserTypeNameRules.Validate(input.Name);
            if (string.IsNullOrWhiteSpace(input.PersonalityModule))
                throw new ZohoValidationException("PersonalityModuleRequired", "A user type needs a personality module (Contacts, or a custom module such as Customer).", "PersonalityModule");
            if (input.Modules == null || input.Modules.Count == 0)
                throw new ZohoValidationException("ModulesRequired",
                    "A user type needs module entries: at least its personality module (" + input.PersonalityModule + ") and Notes. Build them with New-PortalUserTypeModule.", "Module");
            ValidateModuleEntries(input.Modules, create: true);
            var path = UserTypesPath(portal);

            var modules = await ResolveModulesAsync(input.PersonalityModule!, input.Modules, cancellationToken).ConfigureAwait(false);
            // Only entries known by API name can be checked without guessing: an entry given by id
            // alone may be Notes (which needs neither), and asking meta for it would cost a call
            // that a body of complete ids does not need. Zoho still judges those.
            if (modules.Any(NeedsLayoutOrViewCheck))
            {
                var meta = await GetPortalMetaAsync(input.PersonalityModule!, cancellationToken).ConfigureAwait(false);
                foreach (var module in modules.Where(NeedsLayoutOrViewCheck)) RequireLayoutAndView(module, meta, input.PersonalityModule!);
            }
            foreach (var module in modules)
            {
                module.Permissions = module.Permissions ?? new UserTypePermissions();
                if (module.Permissions.View == null) module.Permissions.View = true;
            }
            var resolved = new PortalUserTypeInput
            {
                Name = input.Name,
                PersonalityModule = input.PersonalityModule,
                Active = input.Active,
                InvitationField = input.InvitationField,
                Modules = modules,
            };
            return new UserTypeCreationPlan(portal, path, resolved, UserTypeBody.Write(resolved, create: true));
        }

        private static bool IsNotes(UserTypeModule module) => string.Equals(module.ApiName, "Notes", StringComparison.OrdinalIgnoreCase);

        private static bool NeedsLayoutOrViewCheck(UserTypeModule module) =>
            module.Delete != true && !string.IsNullOrEmpty(module.ApiName) && !IsNotes(module)
            && (module.Layouts == null || module.Layouts.Count == 0 || module.Views == null);

        /// <summary>Zoho's rule for a new entry: a private module with layouts needs one, a module with views needs one.</summary>
        private static void RequireLayoutAndView(UserTypeModule module, List<PortalModuleMeta> meta, string personality)
        {
            if (IsNotes(module) || module.Delete == true) return;
            var found = meta.FirstOrDefault(m => m.Matches(module.Id ?? module.ApiName ?? string.Empty));
            if (found == null) return;
            var name = found.ApiName;
            if ((module.Layouts == null || module.Layouts.Count == 0) && found.Layouts.Count > 0 && !string.Equals(found.SharedType, "public", StringComparison.OrdinalIgnoreCase))
                throw new ZohoValidationException("ModuleLayoutRequired",
                    "Module " + name + " is private, so its entry needs a layout (Zoho answers DEPENDENT_FIELD_MISSING \"layouts are missing\" otherwise). Layouts of "
                    + name + ": " + Names(found.Layouts.Select(l => l.Name)) + ". Add -Layout to New-PortalUserTypeModule " + name + ".", "Module");
            if (module.Views == null && found.Views.Count > 0)
                throw new ZohoValidationException("ModuleViewRequired",
                    "Module " + name + " needs a view in its entry (Zoho answers DEPENDENT_FIELD_MISSING \"views are missing\" otherwise). Views of "
                    + name + ": " + Names(found.Views.Select(v => v.Name)) + ". Add -View to New-PortalUserTypeModule " + name + ".", "Module");
        }
    }
}
