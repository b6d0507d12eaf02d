using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Portals
{
    /// <summary>
    /// <para type="synopsis">Renames the client portal.</para>
    /// <para type="description">Set-Portal renames a portal (the only portal setting the API changes). -Name defaults to the org's portal and binds from a portal object on the pipeline. The new name follows the same rules as New-Portal and is checked before any request is sent. Silent unless -PassThru.</para>
    /// </summary>
    /// <example>
    /// <code>Set-Portal -NewName ZylkerCare</code>
    /// <para>Renames the org's portal to ZylkerCare.</para>
    /// </example>
    /// <example>
    /// <code>Get-Portal | Set-Portal -NewName ZylkerCare -PassThru</code>
    /// <para>Renames the portal from the pipeline and returns the renamed portal.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "Portal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Portal))]
    public sealed class SetPortalCmdlet : ZohoPortalConnectedCmdlet
    {
        /// <summary><para type="description">The portal to rename. Default: the org's portal.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        [Alias("PortalName", "Portal")]
        public string? Name { get; set; }

        /// <summary><para type="description">The new name: 6 to 30 letters and digits, unique across Zoho.</para></summary>
        [Parameter(Mandatory = true)]
        [AllowEmptyString]
        public string NewName { get; set; } = string.Empty;

        /// <summary><para type="description">Returns the renamed portal.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Name;
            var connection = ActiveConnection;
            // The new name is checked before the portal is looked up: a bad name costs no request.
            PortalNameRules.Validate(NewName, "NewName");
            var current = ResolvePortal(Name);
            CurrentTarget = current;
            var plan = connection.Client.PlanPortalRename(current, NewName);
            if (!ShouldProcess("Portal '" + current + "'", "Rename to '" + NewName + "' (" + plan.Describe() + ")")) return;
            var newName = NewName;
            var portal = RunAsync(async ct =>
            {
                await connection.Client.RunPortalPlanAsync(plan, ct).ConfigureAwait(false);
                return PassThru ? await connection.Client.GetPortalAsync(newName, ct).ConfigureAwait(false) : null;
            });
            connection.Client.Metadata.ForgetPortal(current);
            if (connection.PortalName == null || connection.PortalName == current) connection.PortalName = newName;
            if (PassThru) WriteObject(portal);
        }
    }
}
