using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    public sealed partial class ZohoPortalClient
    {
        /// <summary>
        /// The modules that can go into a user type of <paramref name="personalityModule"/>, with
        /// their layouts, views and filter fields (GET /settings/portals/meta?module=, zoho-api.md "Portal meta").
        /// Empty when Zoho answers 204.
        /// </summary>
        public async Task<List<PortalModuleMeta>> GetPortalMetaAsync(string personalityModule, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(personalityModule))
                throw new ZohoValidationException("PersonalityModuleRequired", "Name the personality module (Contacts, or a custom module such as Customer).", "Module");
            var request = new ZohoRequest(HttpMethod.Get, PortalsPath + "/meta").AddQuery("module", personalityModule);
            var lists = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.PortalMetaEnvelope, e => e.RelatedLists), cancellationToken).ConfigureAwait(false);
            var modules = new List<PortalModuleMeta>();
            foreach (var entry in lists)
            {
                if (entry.Module == null) continue;
                entry.Module.PersonalityModule = personalityModule;
                modules.Add(entry.Module);
            }
            return modules;
        }

        /// <summary>
        /// Copies of <paramref name="modules"/> with every module, layout, view and filter given
        /// by name turned into its id, and shared_type / view type filled in where missing. Asks
        /// Zoho for portal meta once, and only when something is missing; entries that are
        /// complete go out exactly as given.
        /// </summary>
        public async Task<List<UserTypeModule>> ResolveModulesAsync(string personalityModule, IEnumerable<UserTypeModule> modules, CancellationToken cancellationToken = default)
        {
            var copies = modules.Select(m => m.Clone()).ToList();
            if (!NeedsMeta(copies)) return copies;
            if (string.IsNullOrWhiteSpace(personalityModule))
                throw new ZohoValidationException("PersonalityModuleRequired", "Module names can only be resolved for a known personality module.", "PersonalityModule");

            var meta = await GetPortalMetaAsync(personalityModule, cancellationToken).ConfigureAwait(false);
            foreach (var module in copies) Complete(module, meta, personalityModule);
            return copies;
        }

        /// <summary>
        /// Resolves one entry against the meta of its module, already read (New-PortalUserTypeModule
        /// given Get-PortalModuleMeta output): the same rules and errors as
        /// <see cref="ResolveModulesAsync"/>, without a request. Layout, view and filter names (or
        /// ids, which are checked too when given as names) become the meta's ids.
        /// </summary>
        public static void CompleteModule(UserTypeModule module, PortalModuleMeta meta)
        {
            if (module == null) throw new ArgumentNullException(nameof(module));
            if (meta == null) throw new ArgumentNullException(nameof(meta));
            Complete(module, new List<PortalModuleMeta> { meta }, meta.PersonalityModule ?? string.Empty);
        }

        internal static bool NeedsMeta(IEnumerable<UserTypeModule> modules) => modules.Any(m =>
            m.Id == null
            || (m.Delete != true && (m.SharedType == null
                || (m.Layouts != null && m.Layouts.Any(l => l.Id == null))
                || (m.Views != null && (m.Views.Id == null || m.Views.Type == null))
                || (m.Filters != null && m.Filters.Any(f => f.Id == null)))));

        private static void Complete(UserTypeModule module, List<PortalModuleMeta> meta, string personality)
        {
            var wanted = module.Id ?? module.ApiName!;
            var found = meta.FirstOrDefault(m => m.Matches(wanted));
            if (found == null)
            {
                if (module.Id != null && module.Delete == true) return;
                throw new ZohoValidationException("UnknownUserTypeModule",
                    "Module '" + wanted + "' cannot be part of a user type of " + personality + ". Modules it can have: "
                    + Names(meta.Select(m => m.ApiName)) + " (see Get-PortalModuleMeta -Module " + personality + ").", "Module");
            }
            module.Id = found.Id;
            module.ApiName = module.ApiName ?? found.ApiName;
            module.PluralLabel = module.PluralLabel ?? found.PluralLabel;
            if (module.Delete == true) return;
            module.SharedType = module.SharedType ?? found.SharedType;

            if (module.Layouts != null)
            {
                foreach (var layout in module.Layouts.Where(l => l.Id == null))
                {
                    var name = layout.Name ?? layout.DisplayLabel ?? string.Empty;
                    var match = found.FindLayout(name) ?? throw new ZohoValidationException("UnknownLayout",
                        "Module " + found.ApiName + " has no layout '" + name + "'. Layouts: " + Names(found.Layouts.Select(l => l.Name)) + ".", "Layout");
                    layout.Id = match.Id;
                    layout.Name = match.Name;
                    layout.DisplayLabel = layout.DisplayLabel ?? match.DisplayLabel;
                }
            }
            if (module.Views != null && (module.Views.Id == null || module.Views.Type == null))
            {
                var name = module.Views.Id ?? module.Views.Name ?? module.Views.DisplayLabel ?? string.Empty;
                var match = found.FindView(name) ?? throw new ZohoValidationException("UnknownView",
                    "Module " + found.ApiName + " has no view '" + name + "'. Views: " + Names(found.Views.Select(v => v.Name)) + ".", "View");
                module.Views.Id = match.Id;
                module.Views.Name = match.Name;
                module.Views.DisplayLabel = module.Views.DisplayLabel ?? match.DisplayLabel;
                module.Views.Type = module.Views.Type ?? match.Type;
            }
            if (module.Filters != null)
            {
                foreach (var filter in module.Filters.Where(f => f.Id == null))
                {
                    var name = filter.ApiName ?? filter.DisplayLabel ?? string.Empty;
                    var match = found.FindFilter(name) ?? throw new ZohoValidationException("UnknownFilter",
                        "Module " + found.ApiName + " has no filter field '" + name + "'. Filter fields: " + Names(found.Filters.Select(f => f.ApiName)) + ".", "Filter");
                    filter.Id = match.Id;
                    filter.ApiName = match.ApiName;
                    filter.DisplayLabel = filter.DisplayLabel ?? match.DisplayLabel;
                }
            }
        }

        private static string Names(IEnumerable<string?> names)
        {
            var list = names.Where(n => !string.IsNullOrEmpty(n)).ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }
    }
}
