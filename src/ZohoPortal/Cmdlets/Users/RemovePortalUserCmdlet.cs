using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Removes users from the portal.</para>
    /// <para type="description">Remove-PortalUser takes users' portal access away (DELETE .../user_type/{id}/users?personality_ids=...); their CRM records stay. It collects every user from the pipeline first, groups them by user type and sends at most 499 ids per call (Zoho's synchronous limit), so 1,200 users take 3 calls, run side by side (never more at once than the connection's MaxConcurrency) with results written in input order. It asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf sends nothing. Each user Zoho refuses is one non-terminating error (ErrorId = Zoho's code, TargetObject = the user); the rest are removed. Silent unless -PassThru, which writes each removed user. Past 499 users a progress bar shows; Ctrl+C starts no new call, lets the calls in flight finish, and names every user not processed in one error.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUser -UserType Customers -Status Deactivated | Remove-PortalUser -Force</code>
    /// <para>Removes every deactivated user of the Customers user type without asking, 499 users per call.</para>
    /// </example>
    /// <example>
    /// <code>Remove-PortalUser -Id 1306462000000659009 -UserType Customers -WhatIf</code>
    /// <para>Shows what would be removed and the request it would take; sends nothing.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "PortalUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PortalUser))]
    public sealed class RemovePortalUserCmdlet : PortalUserBulkCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Removes without asking for confirmation (-WhatIf and an explicit -Confirm still apply).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        protected override string Activity => "Removing";

        protected override int ProgressThreshold => ZohoPortalClient.MaxDeleteBatch;

        #region Overrides

        protected override bool ConfirmGroup(UserGroup group, string target)
        {
            // The core's plan is both the text shown here and what ExecuteAsync sends.
            group.Plan = Client.PlanUserDeletion(group.Portal, group.UserTypeId, group.Ids);
            return ShouldProcessUnlessForced(Force, target, "Remove from the portal (" + group.Plan.Describe() + ")");
        }

        // Every group's batches are independent: one run, so they share the connection's concurrency window.
        protected override Task ExecuteAsync(IReadOnlyList<UserGroup> groups, BulkRun run) =>
            RunPlansAsync(groups.Select(g => (g.Plan!, (IReadOnlyList<UserItem>)g.Items)).ToList(), run);

        protected override PortalUser PassThruFor(UserItem item, ZohoActionResult result) => CopyOf(item);

        #endregion
    }
}
