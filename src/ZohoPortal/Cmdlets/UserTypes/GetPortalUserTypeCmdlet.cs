using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Gets the user types of the client portal.</para>
    /// <para type="description">Get-PortalUserType lists a portal's user types (at most five per org): name, id, state, personality module and number of users. -Name filters by name and accepts wildcards; a name without wildcards that matches nothing is a non-terminating ObjectNotFound error. -Id gets user types by id, always with their module permissions; an unknown id is a non-terminating ObjectNotFound error. -IncludeModules adds the module permissions (modules, layouts, views, filters and field permissions) to a listing.</para>
    /// <para type="description">The objects pipe into Set-PortalUserType, Remove-PortalUserType and the portal-user cmdlets: they bind the object itself, and its PortalName property binds to -Portal. Listing also refreshes the names that tab completion offers for -Name, -Identity and -TransferUsersTo.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUserType</code>
    /// <para>Lists every user type of the org's portal.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name Cust* -IncludeModules | ForEach-Object Modules</code>
    /// <para>Shows the module permissions of the user types whose names start with Cust.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Id 1306462000001856005</code>
    /// <para>Gets one user type by id, with its modules.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name Customer | Set-PortalUserType -Active $true</code>
    /// <para>Activates the Customer user type.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "PortalUserType", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(PortalUserType))]
    public sealed class GetPortalUserTypeCmdlet : UserTypeCmdletBase
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";

        #region Parameters

        /// <summary><para type="description">Names of user types to get (wildcards allowed) or their ids; -Identity is the same parameter, as on Set- and Remove-PortalUserType. Default: all.</para></summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [Alias("Identity")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary><para type="description">Ids of user types to get (with their modules). Binds from the Id property of piped objects.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        /// <summary><para type="description">Adds each user type's module permissions (include=modules). Always on with -Id.</para></summary>
        [Parameter(ParameterSetName = ByNameSet)]
        public SwitchParameter IncludeModules { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var portal = ResolvePortal(Portal);
            if (ParameterSetName == ByIdSet) GetById(portal);
            else GetByName(portal);
        }

        #endregion

        private void GetById(string portal)
        {
            foreach (var id in Id)
            {
                CurrentTarget = id;
                try
                {
                    UserTypeIdRules.Validate(id);
                    var type = RunAsync(ct => Client.GetUserTypeAsync(portal, id, ct));
                    if (type == null)
                    {
                        WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("UserTypeNotFound", ErrorCategory.ObjectNotFound,
                            "Portal '" + portal + "' has no user type with id " + id + ".", id, "Run Get-PortalUserType to list the portal's user types."), id));
                        continue;
                    }
                    RememberUserType(type);
                    WriteObject(type);
                }
                catch (Core.Errors.ZohoValidationException e)
                {
                    WriteError(ErrorMapper.ToErrorRecord(e, id));
                }
            }
        }

        private void GetByName(string portal)
        {
            var includeModules = IncludeModules.IsPresent;
            var types = RunAsync(ct => Client.GetUserTypesAsync(portal, includeModules, ct));
            RememberUserTypes(portal, types);
            if (Name == null || Name.Length == 0)
            {
                foreach (var type in types) WriteObject(type);
                return;
            }

            var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            foreach (var type in types.Where(t => patterns.Any(p => p.IsMatch(t.Name)) || Name.Contains(t.Id))) WriteObject(type);
            foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
            {
                if (types.Any(t => string.Equals(t.Name, name, System.StringComparison.OrdinalIgnoreCase) || t.Id == name)) continue;
                WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("UserTypeNotFound", ErrorCategory.ObjectNotFound,
                    "Portal '" + portal + "' has no user type named '" + name + "'.", name,
                    "User types: " + (types.Count == 0 ? "(none)" : string.Join(", ", types.Select(t => t.Name))) + "."), name));
            }
        }
    }
}
