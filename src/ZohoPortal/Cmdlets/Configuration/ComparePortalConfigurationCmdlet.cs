using System.Management.Automation;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Configuration
{
    /// <summary>
    /// <para type="synopsis">Compares a configuration file with the portal's user types and writes the plan: one step object per user type.</para>
    /// <para type="description">Compare-PortalConfiguration reads the file and the target portal (its user types with modules, portal meta of each personality module the file uses, and the fields of the modules whose field permissions the file names) and writes the plan Import-PortalConfiguration would apply, as PortalConfigurationStep objects in the order they would run: Update (with each changed property, old -> new), Create, Delete (with the user type its users move to), then Unchanged. Nothing is changed.</para>
    /// <para type="description">User types are matched by id when the target has the file's id (so a new name with the same id is a rename), else by name (ignoring case), else the file's default user type with the target's. A target user type the file does not list is deleted; its users move to the user type named by the file's removed entry (transferTo) or by -TransferUsersTo. Names are resolved against the target org: a file naming a module, layout, view, filter or field the target lacks is refused (ErrorId ConfigurationNamesNotInTarget, every missing name listed), and so is a plan that cannot work (ConfigurationCannotApply: a user type with users and nowhere to move them, more than five user types at once).</para>
    /// <para type="description">The steps are objects: filter them (Where-Object Action -ne Delete) and pipe the ones you want into Import-PortalConfiguration.</para>
    /// </summary>
    /// <example>
    /// <code>Compare-PortalConfiguration -Path ./portal.json</code>
    /// <para>Lists what applying portal.json would do, one row per user type.</para>
    /// </example>
    /// <example>
    /// <code>(Compare-PortalConfiguration ./portal.json | Where-Object Action -eq Update).Changes</code>
    /// <para>Every property the updates would change, old -> new.</para>
    /// </example>
    /// <example>
    /// <code>Compare-PortalConfiguration ./portal.json | Where-Object Action -ne Delete | Import-PortalConfiguration</code>
    /// <para>Applies every step of the plan except the deletions.</para>
    /// </example>
    [Cmdlet(VerbsData.Compare, "PortalConfiguration", DefaultParameterSetName = "Path")]
    [OutputType(typeof(PortalConfigurationStep))]
    public sealed class ComparePortalConfigurationCmdlet : PortalConfigurationCmdletBase
    {
        #region Parameters

        /// <summary><para type="description">The portal to compare with (or apply to). Default: the connection's org's portal (an org has one). The file's own portal name is not used: it names the portal the file came from.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public override string? Portal { get; set; }

        /// <summary><para type="description">The configuration file (written by Export-PortalConfiguration, perhaps edited).</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary><para type="description">A configuration object (from Export-PortalConfiguration without -Path), instead of a file.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Configuration")]
        public PortalConfiguration Configuration { get; set; } = null!;

        /// <summary><para type="description">The user type (by name) that receives the users of every deleted user type whose removed entry names none.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(Infrastructure.UserTypeNameCompleter))]
        public string? TransferUsersTo { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var configuration = ParameterSetName == "Path" ? ReadConfiguration(Path) : Configuration;
            var connection = ActiveConnection;
            var portal = ResolvePortal(Portal);
            var transferTo = TransferUsersTo;
            var plan = RunAsync(ct => connection.Client.PlanConfigurationAsync(portal, configuration, transferTo, ct));
            foreach (var step in plan.Steps) WriteObject(step);
        }

        #endregion
    }
}
