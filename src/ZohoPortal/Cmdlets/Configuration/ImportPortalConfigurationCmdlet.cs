using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Configuration
{
    /// <summary>
    /// <para type="synopsis">Makes the portal's user types match a configuration file: plans, asks, then applies each step in a safe order.</para>
    /// <para type="description">Import-PortalConfiguration makes the plan Compare-PortalConfiguration shows (the same reads, the same refusals: a file naming a module, layout, view, filter or field the target lacks is refused before any change, listing every missing name) and applies it: updates first (one PUT per user type with only the changed properties), then creates (one POST each), then each deletion (its users moved to the transfer target, 200 per call, then the DELETE, only when every user moved). Each step is written as a PortalConfigurationResult with its outcome; a step Zoho refuses is also a non-terminating error with Zoho's code as ErrorId, and when a later step depends on it (a deletion whose users were to move to a type that was not created) the run stops there: the rest are NotRun. A change whose answer is lost is read back: Succeeded only when the user types show it, else OutcomeUnknown, never sent twice.</para>
    /// <para type="description">-WhatIf prints every step and sends nothing but the reads. Every question is asked before anything is sent: -Confirm asks per step; deletions are High impact and ask even without -Confirm (unless -Force, -Confirm:$false or $ConfirmPreference = 'None'), so in a host that cannot prompt an unconfirmed deletion is ConfirmationNotPossible and nothing at all is changed. Steps piped from Compare-PortalConfiguration are applied as planned (only those piped, in the plan's order); Unchanged steps send nothing.</para>
    /// </summary>
    /// <example>
    /// <code>Import-PortalConfiguration -Path ./portal.json -WhatIf</code>
    /// <para>Prints each step the import would make; nothing is changed.</para>
    /// </example>
    /// <example>
    /// <code>Import-PortalConfiguration -Path ./portal.json -Confirm:$false</code>
    /// <para>Applies the file without asking (deletions included), in a runbook say, and writes one result per user type.</para>
    /// </example>
    /// <example>
    /// <code>Compare-PortalConfiguration ./portal.json | Where-Object Action -in Create, Update | Import-PortalConfiguration</code>
    /// <para>Applies only the creates and updates of the plan.</para>
    /// </example>
    /// <example>
    /// <code>Export-PortalConfiguration -Connection $sandbox | Import-PortalConfiguration -Connection $production -TransferUsersTo Customers</code>
    /// <para>Makes production's user types match the sandbox's; users of production types the sandbox lacks move to Customers first (deletions still ask).</para>
    /// </example>
    [Cmdlet(VerbsData.Import, "PortalConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Path")]
    [OutputType(typeof(PortalConfigurationResult))]
    public sealed class ImportPortalConfigurationCmdlet : PortalConfigurationCmdletBase
    {
        private readonly List<PortalConfigurationStep> _piped = new List<PortalConfigurationStep>();

        #region Parameters

        /// <summary><para type="description">The portal to compare with (or apply to). Default: the connection's org's portal (an org has one). The file's own portal name is not used: it names the portal the file came from.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public override string? Portal { get; set; }

        /// <summary><para type="description">The configuration file to apply.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary><para type="description">A configuration object (from Export-PortalConfiguration without -Path), instead of a file.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Configuration")]
        public PortalConfiguration Configuration { get; set; } = null!;

        /// <summary><para type="description">Plan steps from Compare-PortalConfiguration (pipeline), perhaps filtered: only these are applied.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Step")]
        public PortalConfigurationStep[] InputObject { get; set; } = null!;

        /// <summary><para type="description">The user type (by name) that receives the users of every deleted user type whose removed entry names none.</para></summary>
        [Parameter(ParameterSetName = "Path")]
        [Parameter(ParameterSetName = "Configuration")]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public string? TransferUsersTo { get; set; }

        /// <summary><para type="description">Deletes user types without asking (other steps ask only with -Confirm).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == "Step")
            {
                foreach (var step in InputObject.Where(s => s != null))
                {
                    if (step.GetPlan() == null)
                        throw new ZohoPortalCmdletException("ConfigurationStepWithoutPlan", ErrorCategory.InvalidArgument,
                            "Step " + step.Order + " (" + step.Action + " '" + step.UserTypeName + "') is not from Compare-PortalConfiguration in this session, so it cannot be applied.", step,
                            "Pipe the output of Compare-PortalConfiguration (filtered as you like) into Import-PortalConfiguration, or give -Path.");
                    _piped.Add(step);
                }
                return;
            }
            var configuration = ParameterSetName == "Path" ? ReadConfiguration(Path) : Configuration;
            var connection = ActiveConnection;
            var portal = ResolvePortal(Portal);
            var transferTo = TransferUsersTo;
            var plan = RunAsync(ct => connection.Client.PlanConfigurationAsync(portal, configuration, transferTo, ct));
            Apply(plan, plan.Steps);
        }

        protected override void EndProcessingCore()
        {
            foreach (var group in _piped.GroupBy(s => s.GetPlan()!)) Apply(group.Key, group.Distinct().ToList());
        }

        #endregion

        /// <summary>Asks every question first (so a refusal or a host that cannot prompt changes nothing), then applies what was approved.</summary>
        private void Apply(PortalConfigurationPlan plan, IReadOnlyList<PortalConfigurationStep> steps)
        {
            var approved = new List<PortalConfigurationStep>();
            foreach (var step in steps.OrderBy(s => s.Order))
            {
                if (step.Action == PortalConfigurationAction.Unchanged) { approved.Add(step); continue; }
                CurrentTarget = step;
                var target = "User type '" + step.UserTypeName + "'" + (step.UserTypeId == null ? string.Empty : " (" + step.UserTypeId + ")") + " in portal '" + plan.Portal + "'";
                if (!ShouldProcess(target, step.Describe())) continue;
                if (step.Action == PortalConfigurationAction.Delete && !ConfirmAsHighImpact(Force,
                        "Delete user type '" + step.UserTypeName + "'" + (step.UserCount > 0 ? " (" + step.UserCount + " users, moving to '" + step.TransferTo + "')" : string.Empty)
                        + " from portal '" + plan.Portal + "'?", "Confirm deletion"))
                    continue;
                approved.Add(step);
            }
            if (IsWhatIfRun || approved.All(s => s.Action == PortalConfigurationAction.Unchanged) && approved.Count < steps.Count) return;

            var connection = ActiveConnection;
            RunAsync(ct => connection.Client.ApplyConfigurationAsync(plan, approved, result =>
            {
                EmitObject(result);
                switch (result.Outcome)
                {
                    case PortalConfigurationOutcome.Failed:
                    case PortalConfigurationOutcome.OutcomeUnknown:
                        EmitError(ErrorMapper.ToErrorRecord(result.Error!, result.Step));
                        break;
                    case PortalConfigurationOutcome.NotRun:
                        EmitError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("ConfigurationStepNotRun", ErrorCategory.OperationStopped,
                            "Step " + result.Order + " (" + result.Action + " '" + result.UserTypeName + "') was not run. " + result.Message, result.Step,
                            "Fix the failed step (see the error before this one), then run Import-PortalConfiguration again: steps already done are Unchanged."), result.Step));
                        break;
                }
            }, (step, user, id, item) => EmitError(ErrorMapper.FromItem(item, item.HttpStatus == 0 ? 400 : item.HttpStatus, (object?)user ?? id,
                "Moving user " + (user?.Name ?? id) + " of '" + step.UserTypeName + "' to '" + step.TransferTo + "'")), ct));
        }
    }
}
