using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>What a step of a configuration plan does to one user type.</summary>
    public enum PortalConfigurationAction
    {
        /// <summary>The file has a user type the target lacks: POST.</summary>
        Create,
        /// <summary>The user type differs from the file: one PUT with the changed properties.</summary>
        Update,
        /// <summary>The target has a user type the file does not: move its users, then DELETE.</summary>
        Delete,
        /// <summary>The user type is as the file says: nothing is sent.</summary>
        Unchanged,
    }

    /// <summary>One changed property of a user type: "Modules[Contacts].Permissions.Create: False -> True".</summary>
    public sealed class PortalConfigurationChange
    {
        public PortalConfigurationChange()
        {
        }

        public PortalConfigurationChange(string property, string? oldValue, string? newValue)
        {
            Property = property;
            OldValue = oldValue;
            NewValue = newValue;
        }

        /// <summary>Name, Active, InvitationField, PersonalityModule, Modules[X], Modules[X].Permissions.Edit, Modules[X].Layouts, Modules[X].View, Modules[X].Filter, Modules[X].Fields[F].</summary>
        public string Property { get; set; } = string.Empty;
        /// <summary>The value in the target org now ("(none)" when absent).</summary>
        public string? OldValue { get; set; }
        /// <summary>The value the file asks for ("(none)" when it is to go).</summary>
        public string? NewValue { get; set; }

        public override string ToString() => Property + ": " + OldValue + " -> " + NewValue;
    }

    /// <summary>
    /// One step of a configuration plan: what will happen to one user type, and the request that
    /// does it. Compare-PortalConfiguration writes these; a script may filter them and pipe the
    /// ones it wants into Import-PortalConfiguration.
    /// </summary>
    public sealed class PortalConfigurationStep
    {
        /// <summary>Position in the safe order (updates, then creates, then each delete with its transfer); unchanged steps come last.</summary>
        public int Order { get; set; }
        public PortalConfigurationAction Action { get; set; }
        /// <summary>The user type's name after the step (for a delete: its name now).</summary>
        public string UserTypeName { get; set; } = string.Empty;
        /// <summary>The user type's id in the target org (empty for a create until it runs).</summary>
        public string? UserTypeId { get; set; }
        public string PortalName { get; set; } = string.Empty;
        /// <summary>The changed properties, old -> new (an update's; a create lists what it sets, a delete what goes).</summary>
        public List<PortalConfigurationChange> Changes { get; set; } = new List<PortalConfigurationChange>();
        /// <summary>For a delete: the user type its users move to.</summary>
        public string? TransferTo { get; set; }
        /// <summary>For a delete: users the type had when the plan was made.</summary>
        public int? UserCount { get; set; }
        /// <summary>The request(s) the step sends, e.g. "PUT /settings/portals/ZylkerAutos/user_type/1306462000010000003".</summary>
        public string Request { get; set; } = string.Empty;

        /// <summary>The changes in one line, for a table column.</summary>
        public string Summary
        {
            get
            {
                switch (Action)
                {
                    case PortalConfigurationAction.Delete:
                        return TransferTo == null ? "delete" : "move " + (UserCount?.ToString() ?? "its") + " users to " + TransferTo + ", delete";
                    case PortalConfigurationAction.Unchanged:
                        return string.Empty;
                    case PortalConfigurationAction.Create:
                        return "modules " + string.Join(", ", Changes.Where(c => c.Property.StartsWith("Modules[")).Select(c => c.Property.Substring(8).TrimEnd(']')));
                    default:
                        return string.Join("; ", Changes.Select(c => c.ToString()));
                }
            }
        }

        /// <summary>The plan this step belongs to (what Import-PortalConfiguration applies it with).</summary>
        internal PortalConfigurationPlan? Plan { get; set; }

        /// <summary>The plan this step belongs to; null for a step not made by the planner. A method, so that Format-List and Export-Csv leave it out.</summary>
        public PortalConfigurationPlan? GetPlan() => Plan;
        /// <summary>The user type as the target has it (update, delete, unchanged).</summary>
        internal PortalUserType? Current { get; set; }
        /// <summary>What is sent: the whole user type (create) or the changed parts (update), module ids resolved in the target.</summary>
        internal PortalUserTypeInput? Input { get; set; }
        /// <summary>For a delete: the step creating its transfer target, when that is a new user type.</summary>
        internal PortalConfigurationStep? TransferToCreate { get; set; }
        /// <summary>For a delete: the id of an existing transfer target.</summary>
        internal string? TransferToId { get; set; }
        /// <summary>The file's user type (create, update, unchanged), for reading back a lost answer.</summary>
        internal ConfiguredUserType? Desired { get; set; }

        /// <summary>The ShouldProcess action text.</summary>
        public string Describe()
        {
            switch (Action)
            {
                case PortalConfigurationAction.Create: return "Create user type '" + UserTypeName + "' (" + Request + "; " + Summary + ")";
                case PortalConfigurationAction.Update: return "Update user type '" + UserTypeName + "' (" + Request + "): " + string.Join("; ", Changes.Select(c => c.ToString()));
                case PortalConfigurationAction.Delete: return "Delete user type '" + UserTypeName + "'" + (TransferTo == null ? string.Empty : " after moving its users to '" + TransferTo + "'") + " (" + Request + ")";
                default: return "Leave user type '" + UserTypeName + "' unchanged (no request)";
            }
        }

        public override string ToString() => Action + " " + UserTypeName;
    }

    /// <summary>
    /// Every step that makes a portal's user types match a configuration, in a safe order, with
    /// names resolved against the target org. Made by ZohoPortalClient.PlanConfigurationAsync;
    /// -WhatIf prints it, Import-PortalConfiguration applies it.
    /// </summary>
    public sealed class PortalConfigurationPlan
    {
        internal PortalConfigurationPlan(string portal, PortalConfiguration configuration, List<PortalConfigurationStep> steps)
        {
            Portal = portal;
            Configuration = configuration;
            Steps = steps;
            foreach (var step in steps) step.Plan = this;
        }

        public string Portal { get; }
        public PortalConfiguration Configuration { get; }
        /// <summary>Every step, in the order they run; Unchanged steps last.</summary>
        public IReadOnlyList<PortalConfigurationStep> Steps { get; }
        /// <summary>True when some step sends something.</summary>
        public bool HasChanges => Steps.Any(s => s.Action != PortalConfigurationAction.Unchanged);
    }

    /// <summary>How a step ended.</summary>
    public enum PortalConfigurationOutcome
    {
        /// <summary>Zoho did it (or, after a lost answer, a read showed it done).</summary>
        Succeeded,
        /// <summary>Nothing needed doing; nothing was sent.</summary>
        Unchanged,
        /// <summary>Zoho refused; the error has Zoho's code and message.</summary>
        Failed,
        /// <summary>The request went out, its answer was lost and a read could not show whether Zoho acted.</summary>
        OutcomeUnknown,
        /// <summary>Not sent: a step it depends on did not succeed, or an earlier failure stopped the run.</summary>
        NotRun,
    }

    /// <summary>What one step of an import did (Import-PortalConfiguration writes one per step).</summary>
    public sealed class PortalConfigurationResult
    {
        public int Order { get; set; }
        public PortalConfigurationAction Action { get; set; }
        public string UserTypeName { get; set; } = string.Empty;
        /// <summary>The user type's id (a created type's new id).</summary>
        public string? UserTypeId { get; set; }
        public string PortalName { get; set; } = string.Empty;
        public PortalConfigurationOutcome Outcome { get; set; }
        /// <summary>Users moved before a delete.</summary>
        public int UsersMoved { get; set; }
        /// <summary>Why it failed or did not run; Zoho's code and message for a refusal.</summary>
        public string? Message { get; set; }
        /// <summary>The step this result is for.</summary>
        public PortalConfigurationStep? Step { get; set; }
        /// <summary>The error behind a Failed or OutcomeUnknown result.</summary>
        public System.Exception? Error { get; set; }

        public override string ToString() => Action + " " + UserTypeName + ": " + Outcome;
    }
}
