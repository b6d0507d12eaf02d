using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Changes a user type: name, state, personality module, module and field permissions.</para>
    /// <para type="description">Set-PortalUserType sends a partial update: only what you give changes. -NewName renames, -Active $true / $false activates or deactivates, -Module adds modules or changes the named parts of existing ones (build entries with New-PortalUserTypeModule: its -RevokePermission takes permissions away, -RemoveField takes fields out), and -RemoveModule takes related modules out (the personality module and Notes must stay). Module, layout, view and filter names are resolved with one portal-meta call.</para>
    /// <para type="description">Deactivating locks the user type's users out of the portal, so it is confirmed like a High-impact change: it asks unless -Force, -Confirm:$false or $ConfirmPreference = 'None' is given (and asks once, not twice, with -Confirm); in a host that cannot prompt it fails with ConfirmationNotPossible and sends nothing. Changing the personality module replaces the whole module list (give every entry again) and is refused by Zoho for the default user type. Silent unless -PassThru, which returns the user type as Zoho lists it afterwards.</para>
    /// </summary>
    /// <example>
    /// <code>Set-PortalUserType -Identity Customer -Module (New-PortalUserTypeModule -Module 1306462000000000125 -SharedType Private -Permission Edit, Create)</code>
    /// <para>The Kaizen (seed 002) update: Customer users may now edit and create records of the Customer module.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name Partners | Set-PortalUserType -NewName 'Premium Partners' -Active $true -PassThru</code>
    /// <para>Renames and activates a user type from the pipeline and shows the result.</para>
    /// </example>
    /// <example>
    /// <code>Set-PortalUserType Customer -RemoveModule Services -Module (New-PortalUserTypeModule Notes -RevokePermission Delete)</code>
    /// <para>Takes the Services module out of the Customer user type and stops its users deleting notes.</para>
    /// </example>
    /// <example>
    /// <code>Set-PortalUserType Partners -Active $false -Force</code>
    /// <para>Deactivates the Partners user type without asking (for scripts).</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "PortalUserType", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PortalUserType))]
    public sealed class SetPortalUserTypeCmdlet : UserTypeCmdletBase
    {
        #region Parameters

        /// <summary><para type="description">The user type: its name, its id, or the object from Get-PortalUserType (pipeline).</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("UserType")]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity Identity { get; set; } = null!;

        /// <summary><para type="description">A new name: 1 to 50 letters, digits and spaces, unique in the portal.</para></summary>
        [Parameter]
        [AllowEmptyString]
        public string? NewName { get; set; }

        /// <summary><para type="description">$true activates the user type, $false deactivates it (its users can no longer sign in; asks for confirmation unless -Force or -Confirm:$false).</para></summary>
        [Parameter]
        public bool Active { get; set; }

        /// <summary><para type="description">A new personality module (API name). -Module must then give the complete new module list. Not allowed for the default user type.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string? PersonalityModule { get; set; }

        /// <summary><para type="description">API name of the field that receives invitations (Email).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InvitationField { get; set; }

        /// <summary><para type="description">Module entries (New-PortalUserTypeModule) to add, or to change in the parts they name.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public UserTypeModule[]? Module { get; set; }

        /// <summary><para type="description">Modules (API names or ids) to take out of the user type. The personality module and Notes cannot be removed.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveModule { get; set; }

        /// <summary><para type="description">Deactivates without asking for confirmation.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Returns the changed user type (one more request).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Identity.UserType ?? (object)Identity.ToString();
            var changes = BuildChanges();
            var portal = ResolvePortal(Portal);
            var type = ResolveUserType(Identity, portal);
            CurrentTarget = type;

            // The core's plan validates and resolves module names in -WhatIf too; its text is the request sent.
            var connection = ActiveConnection;
            var personality = type.PersonalityModule;
            var plan = RunAsync(ct => connection.Client.PlanUserTypeUpdateAsync(portal, type.Id, changes, personality, ct));
            var what = Summarize(changes);
            if (!ShouldProcess("User type " + Describe(type) + " in portal '" + portal + "'", what + " (" + plan.Describe() + ")"))
                return;
            if (changes.Active == false && type.Active && !ConfirmAsHighImpact(Force,
                "Deactivating user type " + Describe(type) + " locks its " + (type.UserCount.HasValue ? type.UserCount + " " : string.Empty) + "users out of the portal until it is activated again.",
                "Deactivate user type?"))
                return;

            var passThru = PassThru.IsPresent;
            var updated = RunAsync(async ct =>
            {
                await connection.Client.UpdateUserTypeAsync(plan, ct).ConfigureAwait(false);
                return passThru ? await connection.Client.GetUserTypeAsync(portal, type.Id, ct).ConfigureAwait(false) : null;
            });

            RememberUserType(updated ?? new PortalUserType
            {
                Id = type.Id,
                Name = changes.Name ?? type.Name,
                Active = changes.Active ?? type.Active,
                Default = type.Default,
                PersonalityModuleInfo = changes.PersonalityModule == null ? type.PersonalityModuleInfo : new ZohoModuleRef { ApiName = changes.PersonalityModule },
                NoOfUsers = type.UserCount,
                PortalName = portal,
            });
            if (passThru) WriteObject(updated);
        }

        #endregion

        /// <summary>The partial update, checked before anything is sent.</summary>
        private PortalUserTypeInput BuildChanges()
        {
            if (NewName != null) UserTypeNameRules.Validate(NewName, nameof(NewName));
            var modules = new List<UserTypeModule>();
            if (Module != null) modules.AddRange(Module.Where(m => m != null));
            if (RemoveModule != null)
                modules.AddRange(RemoveModule.Select(m => ZohoIdRules.IsId(m)
                    ? new UserTypeModule { Id = m, Delete = true }
                    : new UserTypeModule { ApiName = m, Delete = true }));
            var changes = new PortalUserTypeInput
            {
                Name = NewName,
                Active = MyInvocation.BoundParameters.ContainsKey(nameof(Active)) ? Active : (bool?)null,
                PersonalityModule = PersonalityModule,
                InvitationField = InvitationField,
                Modules = modules.Count == 0 ? null : modules,
            };
            if (changes.IsEmpty)
                throw new Core.Errors.ZohoValidationException("NothingToUpdate",
                    "Nothing to change: give -NewName, -Active, -PersonalityModule, -InvitationField, -Module or -RemoveModule.", "Identity");
            return changes;
        }

        private static string Summarize(PortalUserTypeInput changes)
        {
            var parts = new List<string>();
            if (changes.Name != null) parts.Add("rename to '" + changes.Name + "'");
            if (changes.Active.HasValue) parts.Add(changes.Active.Value ? "activate" : "deactivate");
            if (changes.PersonalityModule != null) parts.Add("personality module " + changes.PersonalityModule);
            if (changes.InvitationField != null) parts.Add("invitation field " + changes.InvitationField);
            if (changes.Modules != null)
            {
                var changed = changes.Modules.Where(m => m.Delete != true).Select(m => m.ApiName ?? m.Id).ToList();
                var removed = changes.Modules.Where(m => m.Delete == true).Select(m => m.ApiName ?? m.Id).ToList();
                if (changed.Count > 0) parts.Add("set modules " + string.Join(", ", changed));
                if (removed.Count > 0) parts.Add("remove modules " + string.Join(", ", removed));
            }
            var text = string.Join("; ", parts);
            return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
        }
    }
}
