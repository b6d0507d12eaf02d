using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Portals
{
    /// <summary>
    /// <para type="synopsis">Creates the client portal of the connected Zoho CRM org.</para>
    /// <para type="description">New-Portal creates the org's portal and returns it. Zoho also creates the portal's default user type (Contacts personality). A name is 6 to 30 letters and digits and must be unique across Zoho; an org has at most one portal. The name is checked before any request is sent; a name taken elsewhere in Zoho fails with Zoho's ALREADY_USED.</para>
    /// </summary>
    /// <example>
    /// <code>New-Portal -Name ZylkerAutos</code>
    /// <para>Creates the portal ZylkerAutos and shows it.</para>
    /// </example>
    /// <example>
    /// <code>New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal; New-Portal ZylkerAutos -WhatIf</code>
    /// <para>Shows what would be created, without sending anything.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "Portal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Portal))]
    public sealed class NewPortalCmdlet : ZohoPortalConnectedCmdlet
    {
        /// <summary><para type="description">The portal name: 6 to 30 letters and digits, unique across Zoho.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Name { get; set; } = string.Empty;

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Name;
            var connection = ActiveConnection;
            var plan = connection.Client.PlanPortalCreation(Name);
            if (!ShouldProcess("Portal '" + Name + "' in the org at " + connection.ApiBaseUrl, "Create portal (" + plan.Describe() + ")")) return;
            var name = Name;
            var portal = RunAsync(async ct =>
            {
                await connection.Client.RunPortalPlanAsync(plan, ct).ConfigureAwait(false);
                return await connection.Client.GetPortalAsync(name, ct).ConfigureAwait(false);
            });
            connection.PortalName = name;
            WriteObject(portal ?? new Portal { Name = name, Active = true });
        }
    }
}
