using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    public sealed partial class ZohoPortalClient
    {
        /// <summary>Most users the API returns per page.</summary>
        public const int MaxUsersPerPage = 200;
        /// <summary>Most users one transfer call moves synchronously (seed 002; above it Zoho schedules a job).</summary>
        public const int MaxTransferBatch = 200;

        /// <summary>One page of a user type's users; an empty page (204) when there are none.</summary>
        public async Task<PortalUserPage> GetUsersPageAsync(string portal, string userTypeId, PortalUserStatus status = PortalUserStatus.All,
            int page = 1, int perPage = MaxUsersPerPage, CancellationToken cancellationToken = default)
        {
            UserTypeIdRules.Validate(userTypeId, "UserType");
            if (page < 1) throw new ZohoValidationException("InvalidPage", "page must be 1 or more.", nameof(page));
            if (perPage < 1 || perPage > MaxUsersPerPage)
                throw new ZohoValidationException("InvalidPerPage", "per_page must be between 1 and " + MaxUsersPerPage + ".", nameof(perPage));
            var request = new ZohoRequest(HttpMethod.Get, UserTypePath(portal, userTypeId) + "/users")
                .AddQuery("type", StatusFilter(status))
                .AddQuery("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .AddQuery("per_page", perPage.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = await Http.SendAsync(request, r => r.IsEmpty
                ? new PortalUserPage()
                : System.Text.Json.JsonSerializer.Deserialize(r.Body, ZohoJsonContext.Default.PortalUserPage) ?? new PortalUserPage(), cancellationToken).ConfigureAwait(false);
            foreach (var user in result.Users)
            {
                user.UserTypeId = userTypeId;
                user.PortalName = portal;
            }
            return result;
        }

        /// <summary>
        /// Moves users from one user type to another, at most <see cref="MaxTransferBatch"/> ids per
        /// call, so every user gets its own synchronous result (D2). Results come back in input
        /// order, one per id; failed items (and batches refused as a whole) are results too, never
        /// thrown, so nothing is lost. <paramref name="onBatch"/> sees each batch as it finishes.
        /// </summary>
        public Task<List<ZohoActionResult>> TransferUsersAsync(string portal, string fromUserTypeId, string toUserTypeId,
            IReadOnlyList<string> personalityIds, Action<BatchOutcome>? onBatch = null, CancellationToken cancellationToken = default)
        {
            UserTypeIdRules.Validate(fromUserTypeId, "UserType");
            UserTypeIdRules.Validate(toUserTypeId, "Destination");
            ValidatePersonalityIds(personalityIds);
            var path = UserTypePath(portal, fromUserTypeId) + "/users/action/transfer";
            return BatchRunner.RunAsync(personalityIds, MaxTransferBatch, "personality_id", (batch, ct) =>
            {
                var request = new ZohoRequest(HttpMethod.Post, path) { BatchWrapperKey = "users" }
                    .AddQuery("transfer_To", toUserTypeId)
                    .AddQuery("personality_ids", string.Join(",", batch));
                return Http.SendAsync(request, r => ReadActionResults(r, "users"), ct);
            }, onBatch, cancellationToken);
        }

        /// <summary>Every id must look like a Zoho id before anything is sent.</summary>
        internal static void ValidatePersonalityIds(IReadOnlyList<string> personalityIds)
        {
            if (personalityIds == null) throw new ArgumentNullException(nameof(personalityIds));
            foreach (var id in personalityIds) ZohoIdRules.Validate(id, "InvalidPersonalityId", "Portal user id", "PersonalityId");
        }

        /// <summary>
        /// Pairs each id with its result. Zoho names the id in details; an id with no result of its
        /// own (which Zoho should never do) gets a synthetic NO_RESULT error rather than vanishing.
        /// </summary>
        internal static IEnumerable<ZohoActionResult> MatchResults(IList<string> ids, List<ZohoActionResult> items, string detailKey)
        {
            var byId = new Dictionary<string, Queue<ZohoActionResult>>(StringComparer.Ordinal);
            var unnamed = new Queue<ZohoActionResult>();
            foreach (var item in items)
            {
                var id = item.GetDetail(detailKey);
                if (id == null) { unnamed.Enqueue(item); continue; }
                if (!byId.TryGetValue(id, out var q)) byId[id] = q = new Queue<ZohoActionResult>();
                q.Enqueue(item);
            }
            foreach (var id in ids)
            {
                if (byId.TryGetValue(id, out var q) && q.Count > 0) yield return q.Dequeue();
                else if (unnamed.Count > 0) yield return unnamed.Dequeue();
                else yield return new ZohoActionResult
                {
                    Code = "NO_RESULT",
                    Status = "error",
                    Message = "Zoho's answer did not mention this user; its state is unknown.",
                    Details = new Dictionary<string, string?> { [detailKey] = id },
                };
            }
        }

        internal static string StatusFilter(PortalUserStatus status)
        {
            switch (status)
            {
                case PortalUserStatus.Active: return "ActiveUsers";
                case PortalUserStatus.Deactivated: return "DeactiveUsers";
                case PortalUserStatus.Confirmed: return "ConfirmedUsers";
                case PortalUserStatus.NotConfirmed: return "NotConfirmedUsers";
                case PortalUserStatus.ActiveConfirmed: return "ActiveConfirmedUsers";
                default: return "AllUsers";
            }
        }
    }
}
