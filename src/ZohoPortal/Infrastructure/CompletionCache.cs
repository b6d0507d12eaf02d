using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// What a connection has already read that tab completion offers: module API names (from
    /// portal meta, user types and users) and bulk-invite job ids (from Send-PortalInvite and the
    /// job cmdlets). Filled as a side effect of commands the user runs; completion itself never
    /// sends a request, because it runs on every key press.
    /// </summary>
    internal sealed class CompletionCache
    {
        private readonly ConcurrentDictionary<string, string> _modules = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, string> _jobs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public void RememberModule(string? apiName, string? label = null)
        {
            if (string.IsNullOrWhiteSpace(apiName)) return;
            _modules[apiName!] = label ?? apiName!;
        }

        public void RememberUserTypes(IEnumerable<PortalUserType> types)
        {
            foreach (var type in types)
            {
                RememberModule(type.PersonalityModule, type.PersonalityModuleInfo?.PluralLabel);
                foreach (var module in type.Modules ?? new List<UserTypeModule>()) RememberModule(module.ApiName, module.PluralLabel);
            }
        }

        public void RememberJob(PortalInviteJob? job)
        {
            if (job == null || string.IsNullOrEmpty(job.JobId)) return;
            _jobs[job.JobId] = job.Module + ", " + job.Status + (job.RecordCount > 0 ? ", " + job.RecordCount + " records" : string.Empty);
        }

        /// <summary>Module API names with a short description, sorted.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Modules => _modules.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Job ids with their module and last known status, sorted.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Jobs => _jobs.OrderBy(j => j.Key, StringComparer.Ordinal).ToList();
    }
}
