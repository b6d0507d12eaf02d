using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// What Enable- and Disable-PortalUser share: one change_status call per user (the API has
    /// no synchronous bulk form), at most the connection's MaxConcurrency at once, results
    /// reported in input order. A user already in the wanted status gets no change call: a piped
    /// object that says so is checked against Zoho first (one listing per 100 such users), because
    /// an object can be older than the user's status, and "already active" is never guessed.
    /// </summary>
    internal static class PortalUserStatusChanger
    {
        /// <summary>A piped user whose object shows the wanted status (a bare id shows nothing, so it is sent).</summary>
        public static bool ClaimsWanted(PortalUserBulkCmdlet.UserItem item, bool active) => item.ClaimedActive == active;

        public static string Action(ZohoPortalClient client, PortalUserBulkCmdlet.UserGroup group, bool active)
        {
            var state = active ? "active" : "inactive";
            var claimed = group.Items.Count(i => ClaimsWanted(i, active));
            // The plan is the text shown here and what RunAsync sends, less the users a check finds in the state already
            // (so it exists even when every user claims that state: a check may show some are not).
            var plan = group.Plan = client.PlanUserStatusChange(group.Portal, group.UserTypeId, group.Ids, active);
            if (claimed == group.Items.Count) return "Leave " + state + " (they are " + state + " already; checked, no change request)";
            return (active ? "Activate" : "Deactivate") + " (" + plan.Describe()
                + (claimed == 0 ? string.Empty : "; " + claimed + " shown " + state + " already are checked and left alone if so") + ")";
        }

        public static async Task RunAsync(ZohoPortalClient client, IReadOnlyList<PortalUserBulkCmdlet.UserGroup> groups, bool active,
            PortalUserBulkCmdlet.BulkRun run, Action<PortalUserBulkCmdlet.UserItem, ZohoActionResult> report, Action<string> verbose,
            Func<IReadOnlyList<(RequestPlan Plan, IReadOnlyList<PortalUserBulkCmdlet.UserItem> Items)>, PortalUserBulkCmdlet.BulkRun, Task> runPlans)
        {
            var state = active ? "active" : "inactive";
            var work = new List<(RequestPlan Plan, IReadOnlyList<PortalUserBulkCmdlet.UserItem> Items)>();
            foreach (var group in groups)
            {
                var already = await ConfirmedInStateAsync(client, group, active, run).ConfigureAwait(false);
                if (run.Stop.IsCancellationRequested) return;
                foreach (var item in group.Items.Where(i => already.Contains(i.Id!)))
                {
                    verbose("Portal user " + item.Describe() + " is " + state + " already; no change request.");
                    report(item, new ZohoActionResult { Code = "SUCCESS", Status = "success", Message = "Already " + state + "." });
                }
                var items = group.Items.Where(i => !already.Contains(i.Id!)).ToList();
                if (items.Count > 0) work.Add((group.Plan!.Without(already), items));
            }
            // One run over every group, so the calls of different user types and portals share the concurrency window.
            // The core counts Zoho's "already so" answer (ALREADY_ACTIVATED) as done, keeping its code: one Verbose line, then done.
            await runPlans(work, run).ConfigureAwait(false);
        }

        /// <summary>The ids of the group's users that Zoho lists in the wanted status, read only for users whose object claims it.</summary>
        private static async Task<HashSet<string>> ConfirmedInStateAsync(ZohoPortalClient client, PortalUserBulkCmdlet.UserGroup group, bool active,
            PortalUserBulkCmdlet.BulkRun run)
        {
            var confirmed = new HashSet<string>(StringComparer.Ordinal);
            var claimed = group.Items.Where(i => ClaimsWanted(i, active)).Select(i => i.Id!).ToList();
            if (claimed.Count == 0) return confirmed;
            await client.ListUsersAsync(group.Portal, group.UserTypeId, new PortalUserQuery { PersonalityIds = claimed }, page =>
            {
                foreach (var user in page)
                    if (user.Active == active) confirmed.Add(user.PersonalityId);
            }, run.Abort).ConfigureAwait(false);
            return confirmed;
        }
    }
}
