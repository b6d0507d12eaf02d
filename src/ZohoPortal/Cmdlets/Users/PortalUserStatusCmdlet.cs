using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// Enable- and Disable-PortalUser: the same per-user change_status call with the opposite
    /// flag, so everything but the direction (and each cmdlet's help) lives here.
    /// </summary>
    public abstract class PortalUserStatusCmdlet : PortalUserBulkCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Changes the status without asking for confirmation (-WhatIf and an explicit -Confirm still apply). -Confirm:$false does the same.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        /// <summary>The status the users end in.</summary>
        protected abstract bool TargetActive { get; }

        protected override string Activity => TargetActive ? "Activating" : "Deactivating";

        // Status changes run MaxConcurrency calls at a time, so that is one "batch".
        protected override int ProgressThreshold => ActiveConnection.MaxConcurrency;

        #region Overrides

        protected override bool ConfirmGroup(UserGroup group, string target) =>
            ShouldProcessUnlessForced(Force, target, PortalUserStatusChanger.Action(Client, group, TargetActive));

        protected override Task ExecuteAsync(IReadOnlyList<UserGroup> groups, BulkRun run) =>
            PortalUserStatusChanger.RunAsync(Client, groups, TargetActive, run, Report, EmitVerbose, RunPlansAsync);

        protected override PortalUser PassThruFor(UserItem item, ZohoActionResult result)
        {
            var copy = CopyOf(item);
            copy.Active = TargetActive;
            return copy;
        }

        #endregion
    }
}
