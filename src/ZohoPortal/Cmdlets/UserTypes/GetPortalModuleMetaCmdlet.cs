using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Lists the modules, layouts, views and filter fields that can go into a user type.</para>
    /// <para type="description">Get-PortalModuleMeta asks Zoho which modules a user type of the given personality module can hold (GET /settings/portals/meta?module=): the personality module itself, the modules linked to it by lookup fields, and Notes. Each object carries the module's id, sharing (private or public), layouts, views, and the lookup fields that can scope its records to the portal user.</para>
    /// <para type="description">Pipe an object into New-PortalUserTypeModule to build a module entry: layout, view and filter names are then checked against it at once. -RelatedModule filters the list by API name or label (wildcards allowed). Piping a user type lists the modules for its personality module.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalModuleMeta -Module Contacts</code>
    /// <para>Lists what a Contacts user type can contain.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalModuleMeta Customer -RelatedModule Services | New-PortalUserTypeModule -Permission View, Create -Layout 'Test Drive' -View 'Upcoming Services' -Filter Customer</code>
    /// <para>Builds a Services entry for a Customer user type from the module's meta.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name Partners | Get-PortalModuleMeta | ForEach-Object Layouts</code>
    /// <para>Shows every layout available to the Partners user type's modules.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "PortalModuleMeta")]
    [OutputType(typeof(PortalModuleMeta))]
    public sealed class GetPortalModuleMetaCmdlet : ZohoPortalConnectedCmdlet
    {
        #region Parameters

        /// <summary><para type="description">API name of the personality module (Contacts, or a custom module such as Customer). Binds from the PersonalityModule property of a piped user type.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PersonalityModule")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string Module { get; set; } = string.Empty;

        /// <summary><para type="description">Only modules whose API name or label matches; wildcards allowed.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string[]? RelatedModule { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Module;
            var module = Module;
            var list = RunAsync(ct => Client.GetPortalMetaAsync(module, ct));
            var patterns = RelatedModule?.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            var completion = ActiveConnection.Completion;
            foreach (var meta in list)
            {
                // Every module read is worth completing, also those this call leaves out.
                completion.RememberModule(meta.ApiName, meta.PluralLabel);
                if (patterns == null || patterns.Any(p => p.IsMatch(meta.ApiName) || (meta.PluralLabel != null && p.IsMatch(meta.PluralLabel))))
                    WriteObject(meta);
            }
        }

        #endregion
    }
}
