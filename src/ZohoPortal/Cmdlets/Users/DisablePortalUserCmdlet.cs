using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Deactivates portal users, so they can no longer sign in.</para>
    /// <para type="description">Disable-PortalUser changes each user's status with Zoho's per-user call (PUT .../users/{id}/actions/change_status?active=false). The users are collected from the pipeline first; the calls then run side by side, never more at once than the connection's MaxConcurrency (Connect-ZohoPortal -MaxConcurrency), and results are written in input order. It asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf sends nothing. A user Zoho refuses is one non-terminating error keeping Zoho's code and message (ErrorId = the code, TargetObject = the user): a user who has not accepted the invitation yet gives NOT_ALLOWED. Silent unless -PassThru, which writes each changed user. Ctrl+C starts no new call, lets the calls in flight finish, and names every user not processed in one error.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUser -UserType Partners -Status ActiveConfirmed | Disable-PortalUser -Force</code>
    /// <para>Deactivates every active, confirmed user of the Partners user type, several calls at a time.</para>
    /// </example>
    /// <example>
    /// <code>Disable-PortalUser -Id 1306462000000665004 -UserType Customers -Force -PassThru</code>
    /// <para>Deactivates one user given by id without asking, and writes it as it is now.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Disable, "PortalUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PortalUser))]
    public sealed class DisablePortalUserCmdlet : PortalUserBulkCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Changes the status without asking for confirmation (-WhatIf and an explicit -Confirm still apply).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        protected override string Activity => "Deactivating";

        protected override int ProgressThreshold => ActiveConnection.MaxConcurrency;

        #region Overrides

        protected override bool ConfirmGroup(UserGroup group, string target) =>
            ShouldProcessUnlessForced(Force, target, PortalUserStatusChanger.Action(group, active: false));

        protected override Task ExecuteAsync(IReadOnlyList<UserGroup> groups, BulkRun run) =>
            PortalUserStatusChanger.RunAsync(Client, groups, active: false, run, Report);

        protected override PortalUser PassThruFor(UserItem item, ZohoActionResult result)
        {
            var copy = CopyOf(item);
            copy.Active = false;
            return copy;
        }

        #endregion
    }
}
