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
    /// reported in input order.
    /// </summary>
    internal static class PortalUserStatusChanger
    {
        public static string Action(PortalUserBulkCmdlet.UserGroup group, bool active) =>
            (active ? "Activate" : "Deactivate") + " (PUT /settings/portals/" + group.Portal + "/user_type/" + group.UserTypeId
            + "/users/{id}/actions/change_status?active=" + (active ? "true" : "false") + ", one call per user)";

        public static async Task RunAsync(ZohoPortalClient client, IReadOnlyList<PortalUserBulkCmdlet.UserGroup> groups, bool active,
            PortalUserBulkCmdlet.BulkRun run, System.Action<PortalUserBulkCmdlet.UserItem, ZohoActionResult> report)
        {
            // One run over every group, so the calls of different user types share the concurrency window.
            foreach (var portal in groups.GroupBy(g => g.Portal))
            {
                var items = portal.SelectMany(g => g.Items).ToList();
                var refs = items.Select(i => new PortalUserRef(i.Group.UserTypeId, i.Id)).ToList();
                await client.ChangeUsersStatusAsync(portal.Key, refs, active, (index, result) => report(items[index], result),
                    cancellationToken: run.Abort, stopToken: run.Stop, onStarting: index => run.MarkSent(items[index])).ConfigureAwait(false);
                if (run.Stop.IsCancellationRequested) return;
            }
        }
    }
}
