using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Portals
{
    /// <summary>
    /// <para type="synopsis">Gets the client portal of the connected Zoho CRM org.</para>
    /// <para type="description">Get-Portal returns the org's portal (a Zoho org has at most one) with its name, state, Zoho account id and audit fields. With -Name it returns the portal of that name; wildcards filter the list. A name that matches nothing is a non-terminating ObjectNotFound error unless it contains wildcards.</para>
    /// </summary>
    /// <example>
    /// <code>Get-Portal</code>
    /// <para>Shows the org's portal.</para>
    /// </example>
    /// <example>
    /// <code>Get-Portal -Name Zylker*</code>
    /// <para>Shows the portal if its name starts with Zylker.</para>
    /// </example>
    /// <example>
    /// <code>Get-Portal | Set-Portal -NewName ZylkerCare -PassThru</code>
    /// <para>Renames the portal and shows the result.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "Portal")]
    [OutputType(typeof(Portal))]
    public sealed class GetPortalCmdlet : ZohoPortalConnectedCmdlet
    {
        /// <summary><para type="description">Name of the portal; wildcards allowed.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        [Alias("PortalName")]
        public string? Name { get; set; }

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Name;
            if (string.IsNullOrEmpty(Name) || WildcardPattern.ContainsWildcardCharacters(Name))
            {
                var pattern = string.IsNullOrEmpty(Name) ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                var portals = RunAsync(ct => Client.GetPortalsAsync(ct));
                // A full listing: the connection's cache takes it (fresh), so the next command needs none.
                // Before writing: a command downstream (Get-Portal | Set-Portal) may change it.
                ActiveConnection.Client.Metadata.RememberPortalNames(portals.Select(p => p.Name));
                foreach (var portal in portals)
                {
                    if (pattern == null || pattern.IsMatch(portal.Name)) WriteObject(portal);
                }
                return;
            }

            var name = Name!;
            var found = RunAsync(ct => Client.GetPortalAsync(name, ct));
            if (found == null)
            {
                var known = RunAsync(ct => Client.GetPortalsAsync(ct)).Select(p => p.Name).ToList();
                WriteError(ErrorMapper.ToErrorRecord(PortalNotFound(name, known), name));
                return;
            }
            WriteObject(found);
        }
    }
}
