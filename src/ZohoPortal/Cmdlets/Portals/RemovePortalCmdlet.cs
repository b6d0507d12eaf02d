using System.Management.Automation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Portals
{
    /// <summary>
    /// <para type="synopsis">Deletes the client portal, with its user types and users.</para>
    /// <para type="description">Remove-Portal deletes a portal (DELETE /settings/portals/{name}). Every user type and portal user goes with it, so the cmdlet asks for confirmation unless -Force or -Confirm:$false is given. -WhatIf shows what would be deleted and sends nothing.</para>
    /// </summary>
    /// <example>
    /// <code>Remove-Portal -Name ZylkerAutos -WhatIf</code>
    /// <para>Shows what would be deleted; no request is sent.</para>
    /// </example>
    /// <example>
    /// <code>Get-Portal | Remove-Portal -Force</code>
    /// <para>Deletes the org's portal without asking.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "Portal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePortalCmdlet : ZohoPortalConnectedCmdlet
    {
        /// <summary><para type="description">The portal to delete. Default: the org's portal.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        [Alias("PortalName", "Portal")]
        public string? Name { get; set; }

        /// <summary><para type="description">Deletes without asking for confirmation.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Name;
            var name = ResolvePortal(Name);
            CurrentTarget = name;
            var connection = ActiveConnection;
            var plan = connection.Client.PlanPortalDeletion(name);
            if (!ShouldProcessUnlessForced(Force, "Portal '" + name + "' with all its user types and users", "Delete (" + plan.Describe() + ")")) return;
            RunAsync(ct => connection.Client.RunPortalPlanAsync(plan, ct));
            connection.Client.Metadata.ForgetPortal(name);
            if (connection.PortalName == name) connection.PortalName = null;
        }
    }
}
