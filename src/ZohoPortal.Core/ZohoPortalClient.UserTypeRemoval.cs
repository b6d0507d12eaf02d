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
    /// Emptying and deleting a user type, once, in the core: the plan reads what the real run
    /// needs (the user count, and the users when they are to be moved), so -WhatIf refuses what the
    /// real run would refuse and prints the calls it would make; the run sends that plan.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>
        /// Plans the deletion of <paramref name="userType"/>. Without a destination one one-user
        /// page is read for the count; with one, every user is listed (200 per request), because
        /// moving while paging would shift the pages and the transfer needs their ids.
        /// </summary>
        public async Task<UserTypeRemovalPlan> PlanUserTypeRemovalAsync(string portal, PortalUserType userType, PortalUserType? destination,
            CancellationToken cancellationToken = default)
        {
            if (userType == null) throw new ArgumentNullException(nameof(userType));
            UserTypeIdRules.Validate(userType.Id);
            if (destination != null && destination.Id == userType.Id)
                throw new ZohoValidationException("TransferToSameUserType", "Users cannot be moved to the user type being deleted; name another user type in -TransferUsersTo.", "TransferUsersTo");
            var deletePath = UserTypePath(portal, userType.Id);

            if (destination == null)
            {
                var count = await CountUsersAsync(portal, userType.Id, new PortalUserQuery(), cancellationToken).ConfigureAwait(false);
                return new UserTypeRemovalPlan(portal, userType, null, count, Array.Empty<PortalUser>(), null, deletePath);
            }

            var (users, _) = await ReadAllUsersAsync(portal, userType.Id, userType.Name, cancellationToken).ConfigureAwait(false);
            var ids = users.Select(u => u.PersonalityId).Distinct(StringComparer.Ordinal).ToList();
            var transfer = ids.Count == 0 ? null : PlanUserTransfer(portal, userType.Id, destination.Id, ids);
            return new UserTypeRemovalPlan(portal, userType, destination, users.Count, users, transfer, deletePath);
        }

        /// <summary>
        /// Runs a removal plan: the planned transfers (each failed user reported through
        /// <paramref name="onUserFailed"/>), then the delete, only when every user moved. Returns
        /// how many moved and failed, and whether the type was deleted. A plan that has users and
        /// no destination is refused here too, without a request.
        /// </summary>
        public async Task<UserTypeRemovalOutcome> RunUserTypeRemovalAsync(UserTypeRemovalPlan plan, Action<PortalUser?, string, ZohoActionResult>? onUserFailed = null,
            Action<int, int>? onProgress = null, CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var outcome = new UserTypeRemovalOutcome();
            if (plan.HasUsersWithoutDestination) return outcome;
            if (plan.Transfer != null)
            {
                var byId = plan.Users.GroupBy(u => u.PersonalityId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                var done = 0;
                await RunUserPlanAsync(plan.Transfer, batch =>
                {
                    for (var i = 0; i < batch.Ids.Count; i++)
                    {
                        if (batch.Results[i].IsSuccess) { outcome.Moved++; continue; }
                        outcome.Failed++;
                        byId.TryGetValue(batch.Ids[i], out var user);
                        onUserFailed?.Invoke(user, batch.Ids[i], batch.Results[i]);
                    }
                    done += batch.Ids.Count;
                    onProgress?.Invoke(done, plan.Transfer.Items.Count);
                }, cancellationToken).ConfigureAwait(false);
                if (outcome.Failed > 0) return outcome;
            }
            await DeleteUserTypeAsync(plan.Portal, plan.UserType.Id, null, cancellationToken).ConfigureAwait(false);
            outcome.Deleted = true;
            return outcome;
        }
    }

    /// <summary>What a removal run did.</summary>
    public sealed class UserTypeRemovalOutcome
    {
        public int Moved { get; set; }
        public int Failed { get; set; }
        public bool Deleted { get; set; }
    }
}
