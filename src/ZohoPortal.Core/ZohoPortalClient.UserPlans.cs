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
                personalityIds, 1, "user", portal, userTypeId, null);
        }

        /// <summary>
        /// Sends a transfer or deletion plan, batch for batch as planned. Results, stop and
        /// cancellation follow <see cref="TransferUsersAsync"/>; <paramref name="onBatch"/> sees each
        /// batch with its offset in the plan's items; <paramref name="onSending"/> (offset, count) is
        /// told just before each batch is sent.
        /// </summary>
        public async Task<List<ZohoActionResult>> RunUserPlanAsync(RequestPlan plan, Action<BatchOutcome>? onBatch = null,
            CancellationToken cancellationToken = default, CancellationToken stopToken = default, Action<int, int>? onSending = null)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var results = new List<ZohoActionResult>();
            var offset = 0;
            foreach (var batch in plan.Batches)
            {
                if (stopToken.IsCancellationRequested) break;
                var start = offset;
                // Told before the call leaves, so a stop can say which users may have been acted on.
                onSending?.Invoke(start, batch.Count);
                // One planned batch is one call: each fits the executor's own batch size by construction.
                List<ZohoActionResult> sent;
                switch (plan.Method)
                {
                    case "POST":
                        sent = await TransferUsersAsync(plan.Portal, plan.UserTypeId, plan.TargetId!, batch, null, cancellationToken).ConfigureAwait(false);
                        break;
                    case "DELETE":
                        sent = await DeleteUsersAsync(plan.Portal, plan.UserTypeId, batch, null, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw new InvalidOperationException("RunUserPlanAsync sends transfer and deletion plans; status changes go through ChangeUsersStatusAsync.");
                }
                results.AddRange(sent);
                onBatch?.Invoke(new BatchOutcome(start, batch, sent));
                offset += batch.Count;
            }
            return results;
        }

    }
}
