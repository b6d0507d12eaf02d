using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    /// <summary>
    /// The portal's user types as code: export to a configuration, plan the steps that make a
    /// portal match one (reads only), and apply a plan in a safe order with verified outcomes.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>The portal's user types with their modules as a configuration (one request: the user-type listing with modules).</summary>
        public async Task<PortalConfiguration> ExportConfigurationAsync(string portal, CancellationToken cancellationToken = default)
        {
            var types = await GetUserTypesAsync(portal, includeModules: true, cancellationToken).ConfigureAwait(false);
            return PortalConfigurationConverter.FromUserTypes(portal, types);
        }

        /// <summary>
        /// Reads what the plan needs from the target and plans (see <see cref="PortalConfigurationPlanner"/>):
        /// the user types with modules (1 request), portal meta once per personality module the file
        /// uses, and the fields of each module whose field permissions (or invitation field) the file
        /// names. Nothing is changed; a file naming what the target lacks fails here.
        /// </summary>
        public async Task<PortalConfigurationPlan> PlanConfigurationAsync(string portal, PortalConfiguration configuration, string? defaultTransferTo = null,
            CancellationToken cancellationToken = default)
        {
            if (configuration == null) throw new ArgumentNullException(nameof(configuration));
            configuration.Normalize();
            var target = new PortalConfigurationTarget { Portal = portal, ApiVersion = ApiVersionNumber };
            target.UserTypes = await GetUserTypesAsync(portal, includeModules: true, cancellationToken).ConfigureAwait(false);

            foreach (var personality in configuration.UserTypes.Select(t => t.PersonalityModule.ApiName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    target.MetaByPersonality[personality] = await GetPortalMetaAsync(personality, cancellationToken).ConfigureAwait(false);
                }
                catch (ZohoApiException e) when (e.HttpStatus == 400 && (e.Code == "INVALID_MODULE" || e.Code == "INVALID_DATA"))
                {
                    // Not a personality module in this org: the planner lists it with the other missing names.
                }
            }

            var fieldModules = configuration.UserTypes.SelectMany(t => t.Modules.Where(m => m.Fields != null && m.Fields.Count > 0).Select(m => m.ApiName))
                .Concat(configuration.UserTypes.Where(t => t.InvitationField != null).Select(t => t.PersonalityModule.ApiName))
                .Where(m => configuration.UserTypes.Any(t => target.MetaByPersonality.TryGetValue(t.PersonalityModule.ApiName, out var meta) && meta.Any(x => string.Equals(x.ApiName, m, StringComparison.OrdinalIgnoreCase))))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var module in fieldModules)
            {
                try
                {
                    target.FieldsByModule[module] = await GetFieldsAsync(module, cancellationToken).ConfigureAwait(false);
                }
                catch (ZohoApiException e) when (e.HttpStatus == 400 && e.Code == "INVALID_MODULE")
                {
                    target.FieldsByModule[module] = new List<CrmFieldMeta>();
                }
            }
            return PortalConfigurationPlanner.Plan(configuration, target, defaultTransferTo);
        }

        /// <summary>
        /// Applies the steps of <paramref name="plan"/> that are in <paramref name="approved"/> (all
        /// when null), in the plan's order: updates, creates, then each delete after moving its
        /// users. Each step ends as one result (<paramref name="onResult"/>). A refused step is
        /// Failed with Zoho's error; a lost answer is read back and reported Succeeded only when the
        /// read shows the change, else OutcomeUnknown. A failure (or unknown outcome) of a step that
        /// later approved steps depend on stops the run: the rest are NotRun.
        /// </summary>
        public async Task<List<PortalConfigurationResult>> ApplyConfigurationAsync(PortalConfigurationPlan plan, IEnumerable<PortalConfigurationStep>? approved,
            Action<PortalConfigurationResult>? onResult = null, Action<PortalConfigurationStep, PortalUser?, string, ZohoActionResult>? onUserFailed = null,
            CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var chosen = approved == null ? new HashSet<PortalConfigurationStep>(plan.Steps) : new HashSet<PortalConfigurationStep>(approved);
            var run = plan.Steps.Where(chosen.Contains).ToList();
            var results = new List<PortalConfigurationResult>();
            var createdIds = new Dictionary<PortalConfigurationStep, string>();
            string? stopReason = null;

            void Report(PortalConfigurationResult result)
            {
                results.Add(result);
                onResult?.Invoke(result);
            }

            for (var i = 0; i < run.Count; i++)
            {
                var step = run[i];
                var result = NewResult(step);
                if (stopReason != null)
                {
                    result.Outcome = PortalConfigurationOutcome.NotRun;
                    result.Message = stopReason;
                    Report(result);
                    continue;
                }
                if (step.Action == PortalConfigurationAction.Unchanged)
                {
                    result.Outcome = PortalConfigurationOutcome.Unchanged;
                    Report(result);
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();

                string? transferToId = null;
                if (step.Action == PortalConfigurationAction.Delete && step.TransferTo != null)
                {
                    transferToId = step.TransferToId;
                    if (step.TransferToCreate != null && !createdIds.TryGetValue(step.TransferToCreate, out transferToId))
                    {
                        result.Outcome = PortalConfigurationOutcome.NotRun;
                        result.Message = "Not run: its users were to move to '" + step.TransferTo + "', which was not created"
                            + (chosen.Contains(step.TransferToCreate) ? "." : " (that step was not applied).");
                        Report(result);
                        continue;
                    }
                }

                try
                {
                    await ApplyStepAsync(plan, step, transferToId, result, createdIds, onUserFailed, cancellationToken).ConfigureAwait(false);
                }
                catch (ZohoOutcomeUnknownException lost)
                {
                    var confirmed = await ReadBackAsync(plan.Portal, step, result, cancellationToken).ConfigureAwait(false);
                    if (confirmed)
                    {
                        result.Outcome = PortalConfigurationOutcome.Succeeded;
                        result.Message = "The answer was lost; reading the user types showed the change made.";
                        if (step.Action == PortalConfigurationAction.Create && result.UserTypeId != null) createdIds[step] = result.UserTypeId;
                    }
                    else
                    {
                        result.Outcome = PortalConfigurationOutcome.OutcomeUnknown;
                        result.Error = lost;
                        result.Message = lost.Message;
                    }
                }
                catch (Exception e) when (e is ZohoApiException || e is ZohoValidationException || e is ZohoTransportException)
                {
                    result.Outcome = PortalConfigurationOutcome.Failed;
                    result.Error = e;
                    result.Message = e.Message;
                }

                if (result.Outcome == PortalConfigurationOutcome.Failed || result.Outcome == PortalConfigurationOutcome.OutcomeUnknown)
                {
                    var dependents = run.Skip(i + 1).Any(s => s.TransferToCreate == step);
                    if (dependents)
                        stopReason = "Not run: step " + step.Order + " (" + step.Action + " '" + step.UserTypeName + "'), which later steps depend on, did not succeed.";
                }
                Report(result);
            }
            return results;
        }

        private async Task ApplyStepAsync(PortalConfigurationPlan plan, PortalConfigurationStep step, string? transferToId, PortalConfigurationResult result,
            Dictionary<PortalConfigurationStep, string> createdIds, Action<PortalConfigurationStep, PortalUser?, string, ZohoActionResult>? onUserFailed,
            CancellationToken cancellationToken)
        {
            switch (step.Action)
            {
                case PortalConfigurationAction.Create:
                {
                    var creation = await PlanUserTypeCreationAsync(plan.Portal, step.Input!, cancellationToken).ConfigureAwait(false);
                    var created = await CreateUserTypeAsync(creation, cancellationToken).ConfigureAwait(false);
                    result.UserTypeId = created.Id;
                    createdIds[step] = created.Id;
                    result.Outcome = PortalConfigurationOutcome.Succeeded;
                    return;
                }
                case PortalConfigurationAction.Update:
                {
                    var update = await PlanUserTypeUpdateAsync(plan.Portal, step.UserTypeId!, step.Input!, step.Current?.PersonalityModule, cancellationToken).ConfigureAwait(false);
                    await UpdateUserTypeAsync(update, cancellationToken).ConfigureAwait(false);
                    result.Outcome = PortalConfigurationOutcome.Succeeded;
                    return;
                }
                case PortalConfigurationAction.Delete:
                {
                    var destination = transferToId == null ? null : new PortalUserType { Id = transferToId, Name = step.TransferTo!, PortalName = plan.Portal };
                    var removal = await PlanUserTypeRemovalAsync(plan.Portal, step.Current!, destination, cancellationToken).ConfigureAwait(false);
                    if (removal.HasUsersWithoutDestination)
                        throw new ZohoValidationException("UserTypeHasUsers",
                            "User type '" + step.UserTypeName + "' has " + removal.UserCount + " users now (it had none when the plan was made) and no user type to move them to; it was not deleted.", "TransferUsersTo");
                    var outcome = await RunUserTypeRemovalAsync(removal, (user, id, item) => onUserFailed?.Invoke(step, user, id, item), null, cancellationToken).ConfigureAwait(false);
                    result.UsersMoved = outcome.Moved;
                    if (outcome.Failed > 0)
                        throw new ZohoValidationException("UserTypeNotEmptied",
                            outcome.Failed + " of " + (outcome.Moved + outcome.Failed) + " users of '" + step.UserTypeName + "' could not be moved to '" + step.TransferTo + "'; the user type was not deleted.", "TransferUsersTo");
                    result.Outcome = PortalConfigurationOutcome.Succeeded;
                    return;
                }
            }
        }

        /// <summary>After a lost answer: true when the user types now show the step done (never a guess: a failed read is false).</summary>
        private async Task<bool> ReadBackAsync(string portal, PortalConfigurationStep step, PortalConfigurationResult result, CancellationToken cancellationToken)
        {
            try
            {
                var types = await GetUserTypesAsync(portal, includeModules: true, cancellationToken).ConfigureAwait(false);
                switch (step.Action)
                {
                    case PortalConfigurationAction.Create:
                    {
                        var made = types.FirstOrDefault(t => string.Equals(t.Name, step.UserTypeName, StringComparison.OrdinalIgnoreCase));
                        if (made == null) return false;
                        result.UserTypeId = made.Id;
                        return true;
                    }
                    case PortalConfigurationAction.Update:
                    {
                        var now = types.FirstOrDefault(t => t.Id == step.UserTypeId);
                        return now != null && step.Desired != null && PortalConfigurationPlanner.Matches(portal, step.Desired, now);
                    }
                    case PortalConfigurationAction.Delete:
                        return types.All(t => t.Id != step.UserTypeId);
                }
                return false;
            }
            catch (Exception e) when (e is ZohoApiException || e is ZohoTransportException)
            {
                return false;
            }
        }

        private static PortalConfigurationResult NewResult(PortalConfigurationStep step) => new PortalConfigurationResult
        {
            Order = step.Order,
            Action = step.Action,
            UserTypeName = step.UserTypeName,
            UserTypeId = step.UserTypeId,
            PortalName = step.PortalName,
            Step = step,
        };
    }
}
