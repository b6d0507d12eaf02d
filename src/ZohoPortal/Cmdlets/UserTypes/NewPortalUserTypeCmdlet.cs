using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Creates a user type in the client portal.</para>
    /// <para type="description">New-PortalUserType creates a user type and returns it as Zoho then lists it. A user type is a kind of portal user: its personality module (Contacts, or a custom module such as Customer) holds the CRM records the users are, and its module entries say what they may see and do. Build the entries with New-PortalUserTypeModule; the personality module and Notes must both have one. Entries may name modules, layouts, views and filters; one portal-meta call turns the names into ids.</para>
    /// <para type="description">Zoho allows five user types per org: a sixth fails with ErrorId LICENSE_LIMIT_EXCEEDED. The name (letters, digits and spaces, up to 50) is checked before any request; Zoho's own checks come back with its error code as ErrorId and the offending part of the request (json_path) in the message. -Active $true creates it active (the same [bool] parameter as Set-PortalUserType -Active); without -Active, Zoho creates the user type inactive.</para>
    /// <para type="description">Module entries can also come from the pipeline; they are collected and sent as one request.</para>
    /// </summary>
    /// <example>
    /// <code>$customer = New-PortalUserTypeModule -Module Customer -Permission View -Layout Standard -View 'All Customers' -Field Service_Date
    /// $notes = New-PortalUserTypeModule -Module Notes -Permission View
    /// New-PortalUserType -Name Customer -PersonalityModule Customer -Module $customer, $notes -Active $true</code>
    /// <para>Creates the Kaizen (seed 002) Customer user type for the ZylkerAutos portal: view access to the Customer module through its Standard layout and All Customers view, with Service Date editable, and to Notes.</para>
    /// </example>
    /// <example>
    /// <code>$meta = Get-PortalModuleMeta -Module Contacts
    /// $contacts = $meta | Where-Object ApiName -eq Contacts | New-PortalUserTypeModule -Permission View, Edit -Layout Standard -View 'All Contacts'
    /// $notes = $meta | Where-Object ApiName -eq Notes | New-PortalUserTypeModule -Permission View, Create
    /// $contacts, $notes | New-PortalUserType -Name Dealers -Active $true</code>
    /// <para>Builds the entries from portal meta (names are checked at once) and pipes them into New-PortalUserType; Contacts is the default personality module.</para>
    /// </example>
    /// <example>
    /// <code>New-PortalUserType -Name Dealers -Module $contacts, $notes -WhatIf</code>
    /// <para>Shows the request that would be sent, and sends nothing.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "PortalUserType", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PortalUserType))]
    public sealed class NewPortalUserTypeCmdlet : UserTypeCmdletBase
    {
        private readonly List<UserTypeModule> _modules = new List<UserTypeModule>();

        #region Parameters

        /// <summary><para type="description">The name: 1 to 50 letters, digits and spaces, unique in the portal.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [AllowEmptyString]
        public string Name { get; set; } = string.Empty;

        /// <summary><para type="description">API name of the personality module: the module whose records become the portal users. Default: Contacts.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string PersonalityModule { get; set; } = "Contacts";

        /// <summary><para type="description">Module entries from New-PortalUserTypeModule; the personality module and Notes are required. Accepts pipeline input.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public UserTypeModule[] Module { get; set; } = new UserTypeModule[0];

        /// <summary><para type="description">$true creates the user type active, $false inactive; without it Zoho creates it inactive. The same [bool] as Set-PortalUserType -Active.</para></summary>
        [Parameter]
        public bool Active { get; set; }

        /// <summary><para type="description">API name of the personality module's field that receives invitations (Email). Newer Zoho API versions require it.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InvitationField { get; set; }

        #endregion

        #region Overrides

        protected override void BeginProcessingCore() => UserTypeNameRules.Validate(Name);

        protected override void ProcessRecordCore() => _modules.AddRange(Module.Where(m => m != null));

        protected override void EndProcessingCore()
        {
            CurrentTarget = Name;
            var portal = ResolvePortal(Portal);
            var input = new PortalUserTypeInput
            {
                Name = Name,
                PersonalityModule = PersonalityModule,
                Active = MyInvocation.BoundParameters.ContainsKey(nameof(Active)) ? Active : (bool?)null,
                InvitationField = InvitationField,
                Modules = _modules,
            };
            // The core's plan runs the validations and the module-name lookups in -WhatIf too, so a dry run fails where the real run would.
            var connection = ActiveConnection;
            var plan = RunAsync(ct => connection.Client.PlanUserTypeCreationAsync(portal, input, ct));
            if (!ShouldProcess("User type '" + Name + "' (personality module " + PersonalityModule + ") in portal '" + portal + "'", plan.Describe()))
                return;

            PortalUserType created;
            try
            {
                created = RunAsync(ct => connection.Client.CreateUserTypeAsync(plan, ct));
            }
            catch (ZohoApiException e) when (e.Code == "MANDATORY_NOT_FOUND" && e.Details.TryGetValue("api_name", out var api) && api == "modules")
            {
                var record = ErrorMapper.ToErrorRecord(e, Name);
                record.ErrorDetails.RecommendedAction = "Every user type needs an entry for its personality module (" + PersonalityModule
                    + ") and for Notes, e.g. -Module (New-PortalUserTypeModule " + PersonalityModule + " -Permission View ...), (New-PortalUserTypeModule Notes -Permission View).";
                WriteError(record);
                return;
            }
            RememberUserType(created);
            WriteObject(created);
        }

        #endregion
    }
}
