using System.Management.Automation;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Deactivates portal users, so they can no longer sign in.</para>
    /// <para type="description">Disable-PortalUser changes each user's status with Zoho's per-user call (PUT .../users/{id}/actions/change_status?active=false). The users are collected from the pipeline first; the calls then run side by side, never more at once than the connection's MaxConcurrency (Connect-ZohoPortal -MaxConcurrency), and results are written in input order. It asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf sends nothing. A user Zoho refuses is one non-terminating error keeping Zoho's code and message (ErrorId = the code, TargetObject = the user): a user who has not accepted the invitation yet gives NOT_ALLOWED. A piped user that is inactive already is left alone: no call, a Verbose line, and it is written with -PassThru. Silent unless -PassThru, which writes each changed user. Ctrl+C starts no new call, lets the calls in flight finish, and names every user not processed in one error.</para>
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
    public sealed class DisablePortalUserCmdlet : PortalUserStatusCmdlet
    {
        protected override bool TargetActive => false;
    }
}
