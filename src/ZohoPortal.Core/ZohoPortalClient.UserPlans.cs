using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    /// <summary>
    /// Request plans of the user changes: built (and validated) before anything is sent, so the
    /// confirmation text and -WhatIf of the cmdlets show the calls a real run makes, and run by
    /// the same core methods that send them, batch for batch.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>The transfer of users from one user type to another (zoho-api.md "Batches"): at most 200 ids per call.</summary>
        public RequestPlan PlanUserTransfer(string portal, string fromUserTypeId, string toUserTypeId, IReadOnlyList<string> personalityIds)
        {
            UserTypeIdRules.Validate(fromUserTypeId, "UserType");
            UserTypeIdRules.Validate(toUserTypeId, "Destination");
            ValidatePersonalityIds(personalityIds);
            return new RequestPlan("POST", UserTypePath(portal, fromUserTypeId) + "/users/action/transfer", "transfer_To=" + toUserTypeId,
                personalityIds, MaxTransferBatch, "user", portal, fromUserTypeId, toUserTypeId);
        }

        /// <summary>The removal of users from the portal (zoho-api.md "Batches"): at most 499 ids per call.</summary>
        public RequestPlan PlanUserDeletion(string portal, string userTypeId, IReadOnlyList<string> personalityIds)
        {
            UserTypeIdRules.Validate(userTypeId, "UserType");
            ValidatePersonalityIds(personalityIds);
            return new RequestPlan("DELETE", UserTypePath(portal, userTypeId) + "/users", null, personalityIds, MaxDeleteBatch, "user", portal, userTypeId, null);
        }

        /// <summary>The status change of users (zoho-api.md "Users"): one call per user.</summary>
        public RequestPlan PlanUserStatusChange(string portal, string userTypeId, IReadOnlyList<string> personalityIds, bool active)
        {
            UserTypeIdRules.Validate(userTypeId, "UserType");
            ValidatePersonalityIds(personalityIds);
            return new RequestPlan("PUT", UserTypePath(portal, userTypeId) + "/users/{id}/actions/change_status", "active=" + (active ? "true" : "false"),
                personalityIds, 1, "user", portal, userTypeId, null, active);
        }

        /// <summary>
        /// Sends a transfer, deletion or status-change plan, batch for batch as planned, the calls
        /// concurrently up to the connection's MaxConcurrency. Results, stop and cancellation follow
        /// <see cref="TransferUsersAsync"/>; <paramref name="onBatch"/> sees each batch, in plan
        /// order, with its offset in the plan's items; <paramref name="onSending"/> (offset, count)
        /// is told just before each batch is sent.
        /// </summary>
        public async Task<List<ZohoActionResult>> RunUserPlanAsync(RequestPlan plan, Action<BatchOutcome>? onBatch = null,
            CancellationToken cancellationToken = default, CancellationToken stopToken = default, Action<int, int>? onSending = null)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var results = await RunUserPlansAsync(new[] { plan }, onBatch == null ? null : (Action<int, BatchOutcome>)((_, batch) => onBatch(batch)),
                cancellationToken, stopToken, onSending == null ? null : (Action<int, int, int>)((_, offset, count) => onSending(offset, count))).ConfigureAwait(false);
            return results[0];
        }

        /// <summary>
        /// Sends several plans (the groups of one command) as one run: every planned call of every
        /// plan is independent, so they share one window of at most MaxConcurrency calls, started
        /// in order (plan by plan, batch by batch) and reported in that order:
        /// <paramref name="onBatch"/> gets (plan index, batch) once every call before it is reported,
        /// and <paramref name="onSending"/> (plan index, offset, count) just before a call goes out.
        /// After <paramref name="stopToken"/> nothing new starts and the calls in flight finish; the
        /// results returned per plan are then a prefix of its items. <paramref name="cancellationToken"/>
        /// aborts the calls in flight too, and throws.
        /// </summary>
        public async Task<List<ZohoActionResult>[]> RunUserPlansAsync(IReadOnlyList<RequestPlan> plans, Action<int, BatchOutcome>? onBatch = null,
            CancellationToken cancellationToken = default, CancellationToken stopToken = default, Action<int, int, int>? onSending = null)
        {
            if (plans == null) throw new ArgumentNullException(nameof(plans));
            var calls = new List<(int Plan, int Offset, IReadOnlyList<string> Ids)>();
            for (var p = 0; p < plans.Count; p++)
            {
                var plan = plans[p] ?? throw new ArgumentException("A plan is null.", nameof(plans));
                if (plan.Method == "PUT" && plan.Active == null) throw new ArgumentException("A PUT plan must come from PlanUserStatusChange.", nameof(plans));
                var offset = 0;
                foreach (var batch in plan.Batches)
                {
                    calls.Add((p, offset, batch));
                    offset += batch.Count;
                }
            }
            var outcomes = await ParallelRunner.RunAsync(calls.Count, Math.Max(1, Options.MaxConcurrency),
                async (i, ct) => new BatchOutcome(calls[i].Offset, calls[i].Ids, await SendPlannedAsync(plans[calls[i].Plan], calls[i].Ids, ct).ConfigureAwait(false)),
                (i, outcome) => onBatch?.Invoke(calls[i].Plan, outcome), cancellationToken, stopToken,
                // Told before the call leaves, so a stop can say which users may have been acted on.
                i => onSending?.Invoke(calls[i].Plan, calls[i].Offset, calls[i].Ids.Count)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var results = plans.Select(_ => new List<ZohoActionResult>()).ToArray();
            var stopped = new bool[plans.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                var p = calls[i].Plan;
                if (outcomes[i] == null) stopped[p] = true;
                else if (!stopped[p]) results[p].AddRange(outcomes[i]!.Results);
            }
            return results;
        }

        /// <summary>One planned call: its batch fits the executor's own batch size by construction.</summary>
        private async Task<List<ZohoActionResult>> SendPlannedAsync(RequestPlan plan, IReadOnlyList<string> batch, CancellationToken cancellationToken)
        {
            switch (plan.Method)
            {
                case "POST":
                    return await TransferBatchAsync(plan.Portal, plan.UserTypeId, plan.TargetId!, batch, cancellationToken).ConfigureAwait(false);
                case "DELETE":
                    return await DeleteBatchAsync(plan.Portal, plan.UserTypeId, batch, cancellationToken).ConfigureAwait(false);
                case "PUT":
                    return new List<ZohoActionResult> { await ChangeOneStatusAsync(plan.Portal, plan.UserTypeId, batch[0], plan.Active!.Value, cancellationToken).ConfigureAwait(false) };
                default:
                    throw new InvalidOperationException("Not a user plan: " + plan.Method + ".");
            }
        }
    }
}
