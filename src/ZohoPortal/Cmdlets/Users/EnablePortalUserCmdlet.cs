using System.Management.Automation;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Activates portal users, so they can sign in again.</para>
    /// <para type="description">Enable-PortalUser changes each user's status with Zoho's per-user call (PUT .../users/{id}/actions/change_status?active=true). The users are collected from the pipeline first; the calls then run side by side, never more at once than the connection's MaxConcurrency (Connect-ZohoPortal -MaxConcurrency), and results are written in input order. Its confirm impact is Medium: giving access back is less drastic than taking it away, so it does not ask under the default $ConfirmPreference (High); -Confirm asks, -WhatIf sends nothing. A piped user that is active already is left alone: no call, a Verbose line, and it is written with -PassThru. A user Zoho refuses is one non-terminating error keeping Zoho's code and message (ErrorId = the code, TargetObject = the user). Silent unless -PassThru, which writes each changed user. Ctrl+C starts no new call, lets the calls in flight finish, and names every user not processed in one error.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUser -UserType Customers -Status Deactivated | Enable-PortalUser</code>
    /// <para>Activates every deactivated user of the Customers user type, several calls at a time, without asking (Medium impact).</para>
    /// </example>
    /// <example>
    /// <code>Enable-PortalUser -Id 1306462000000665004 -UserType Customers -Force -PassThru</code>
    /// <para>Activates one user given by id without asking, and writes it as it is now.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Enable, "PortalUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PortalUser))]
    public sealed class EnablePortalUserCmdlet : PortalUserStatusCmdlet
    {
        protected override bool TargetActive => true;
    }
}
