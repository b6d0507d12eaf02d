using System;
using System.Collections.Generic;
using System.Globalization;
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
        /// <summary>Most users one delete call removes synchronously (seed 002; 500 or more become a job).</summary>
        public const int MaxDeleteBatch = 499;
        /// <summary>Ids sent in one personality_ids list filter, so the URL stays short.</summary>
        public const int MaxIdsPerListFilter = 100;

        /// <summary>One page of a user type's users; an empty page (204) when there are none.</summary>
        public Task<PortalUserPage> GetUsersPageAsync(string portal, string userTypeId, PortalUserStatus status = PortalUserStatus.All,
            int page = 1, int perPage = MaxUsersPerPage, CancellationToken cancellationToken = default) =>
            GetUsersPageAsync(portal, userTypeId, new PortalUserQuery { Status = status }, page, perPage, cancellationToken);

        /// <summary>One page of the users of a user type matching <paramref name="query"/> (its Skip and First are not used here).</summary>
        public async Task<PortalUserPage> GetUsersPageAsync(string portal, string userTypeId, PortalUserQuery query,
            int page, int perPage = MaxUsersPerPage, CancellationToken cancellationToken = default)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            UserTypeIdRules.Validate(userTypeId, "UserType");
            if (page < 1) throw new ZohoValidationException("InvalidPage", "page must be 1 or more.", nameof(page));
            if (perPage < 1 || perPage > MaxUsersPerPage)
                throw new ZohoValidationException("InvalidPerPage", "per_page must be between 1 and " + MaxUsersPerPage + ".", nameof(perPage));
            ValidateFilters(query.Filters);
            if (query.PersonalityIds != null)
            {
                ValidatePersonalityIds(query.PersonalityIds);
                if (query.PersonalityIds.Count > MaxIdsPerListFilter)
                    throw new ZohoValidationException("TooManyIds", "At most " + MaxIdsPerListFilter + " ids can be listed in one request.", "PersonalityIds");
            }

            var request = new ZohoRequest(HttpMethod.Get, UserTypePath(portal, userTypeId) + "/users")
                .AddQuery("type", StatusFilter(query.Status));
            if (query.Filters.Count > 0) request.AddQuery("filters", Serialize(query.Filters, ZohoJsonContext.Default.ListPortalUserFilter));
            if (query.PersonalityIds != null && query.PersonalityIds.Count > 0) request.AddQuery("personality_ids", string.Join(",", query.PersonalityIds));
            request.AddQuery("page", page.ToString(CultureInfo.InvariantCulture))
                .AddQuery("per_page", perPage.ToString(CultureInfo.InvariantCulture));

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
        /// call, so every user gets its own synchronous result (zoho-api.md "Batches"). The calls run
        /// concurrently, up to the connection's MaxConcurrency (see docs/reliability.md
        /// "Concurrency"). Results come back in input order, one per id; failed items (and batches
        /// refused as a whole) are results too, never thrown, so nothing is lost.
        /// <paramref name="onBatch"/> sees each batch once it and every batch before it finished.
        /// <paramref name="stopToken"/> starts no further batch, lets those in flight finish and
        /// returns the results so far; <paramref name="cancellationToken"/> aborts even the batches
        /// in flight. <paramref name="onSending"/> (offset, count) is told just before each batch goes out.
        /// </summary>
        public Task<List<ZohoActionResult>> TransferUsersAsync(string portal, string fromUserTypeId, string toUserTypeId,
            IReadOnlyList<string> personalityIds, Action<BatchOutcome>? onBatch = null, CancellationToken cancellationToken = default,
            CancellationToken stopToken = default, Action<int, int>? onSending = null)
        {
            UserTypeIdRules.Validate(fromUserTypeId, "UserType");
            UserTypeIdRules.Validate(toUserTypeId, "Destination");
            ValidatePersonalityIds(personalityIds);
            return BatchRunner.RunAsync(personalityIds, MaxTransferBatch, Options.MaxConcurrency,
                (batch, ct) => TransferBatchAsync(portal, fromUserTypeId, toUserTypeId, batch, ct), onBatch, cancellationToken, stopToken, onSending);
        }

        /// <summary>
        /// Deletes users of a user type from the portal (zoho-api.md "Batches"), at most <see cref="MaxDeleteBatch"/>
        /// ids per call so each gets a synchronous result. Same concurrency, result and stop rules as
        /// <see cref="TransferUsersAsync"/>.
        /// </summary>
        public Task<List<ZohoActionResult>> DeleteUsersAsync(string portal, string userTypeId, IReadOnlyList<string> personalityIds,
            Action<BatchOutcome>? onBatch = null, CancellationToken cancellationToken = default, CancellationToken stopToken = default,
            Action<int, int>? onSending = null)
        {
            UserTypeIdRules.Validate(userTypeId, "UserType");
            ValidatePersonalityIds(personalityIds);
            return BatchRunner.RunAsync(personalityIds, MaxDeleteBatch, Options.MaxConcurrency,
                (batch, ct) => DeleteBatchAsync(portal, userTypeId, batch, ct), onBatch, cancellationToken, stopToken, onSending);
        }

        /// <summary>One transfer call (at most <see cref="MaxTransferBatch"/> ids): one result per id, a refusal of the whole call included.</summary>
        private async Task<List<ZohoActionResult>> TransferBatchAsync(string portal, string fromUserTypeId, string toUserTypeId,
            IReadOnlyList<string> batch, CancellationToken cancellationToken)
        {
            var path = UserTypePath(portal, fromUserTypeId) + "/users/action/transfer";
            Task<List<ZohoActionResult>> Send(IReadOnlyList<string> ids, CancellationToken ct)
            {
                var request = new ZohoRequest(HttpMethod.Post, path) { BatchWrapperKey = "users" }
                    .AddQuery("transfer_To", toUserTypeId)
                    .AddQuery("personality_ids", string.Join(",", ids));
                return Http.SendAsync(request, r => ReadBatchResults(r, "users"), ct);
            }
            // After a lost answer: the users found in the destination were moved.
            async Task<HashSet<string>> Moved(IReadOnlyList<string> ids, CancellationToken ct) =>
                new HashSet<string>((await ReadUsersAsync(portal, toUserTypeId, ids, ct).ConfigureAwait(false)).Keys, StringComparer.Ordinal);
            try
            {
                return await SendVerifiedAsync(batch, Send, Moved, "POST " + path, "User has been transferred", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailures.IsCallFailure(e))
            {
                return ItemFailures.ForEach(e, batch, "personality_id");
            }
        }

        /// <summary>One delete call (at most <see cref="MaxDeleteBatch"/> ids): one result per id, a refusal of the whole call included.</summary>
        private async Task<List<ZohoActionResult>> DeleteBatchAsync(string portal, string userTypeId, IReadOnlyList<string> batch, CancellationToken cancellationToken)
        {
            var path = UserTypePath(portal, userTypeId) + "/users";
            Task<List<ZohoActionResult>> Send(IReadOnlyList<string> ids, CancellationToken ct)
            {
                var request = new ZohoRequest(HttpMethod.Delete, path) { BatchWrapperKey = "users" }
                    .AddQuery("personality_ids", string.Join(",", ids));
                return Http.SendAsync(request, r => ReadBatchResults(r, "users"), ct);
            }
            // After a lost answer: the users no longer found in the user type were deleted.
            async Task<HashSet<string>> Gone(IReadOnlyList<string> ids, CancellationToken ct)
            {
                var present = await ReadUsersAsync(portal, userTypeId, ids, ct).ConfigureAwait(false);
                return new HashSet<string>(ids.Where(id => !present.ContainsKey(id)), StringComparer.Ordinal);
            }
            try
            {
                return await SendVerifiedAsync(batch, Send, Gone, "DELETE " + path, "Portal user deleted", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailures.IsCallFailure(e))
            {
                return ItemFailures.ForEach(e, batch, "personality_id");
            }
        }

        /// <summary>
        /// Activates or deactivates one portal user (zoho-api.md "Users"). Zoho's refusals (ALREADY_ACTIVATED,
        /// NOT_ALLOWED for an unconfirmed user, ...) are thrown as <see cref="ZohoApiException"/>.
        /// </summary>
        public Task<ZohoActionResult> ChangeUserStatusAsync(string portal, string userTypeId, string personalityId, bool active,
            CancellationToken cancellationToken = default)
        {
            UserTypeIdRules.Validate(userTypeId, "UserType");
            ZohoIdRules.Validate(personalityId, "InvalidPersonalityId", "Portal user id", "PersonalityId");
            var path = ChangeStatusPath(portal, userTypeId, personalityId);
            var request = new ZohoRequest(HttpMethod.Put, path).AddQuery("active", active ? "true" : "false");
            return Http.SendAsync(request, r =>
            {
                var result = ReadSingleAction(r, "change_status", "PUT", path);
                result.HttpStatus = r.StatusCode;
                return result;
            }, cancellationToken);
        }

        /// <summary>
        /// Changes the status of many users, one call each (the API has no synchronous bulk
        /// form), with at most <paramref name="maxInFlight"/> calls at once (default: the
        /// connection's MaxConcurrency). Every user gets a result, failures included, handed to
        /// <paramref name="onResult"/> in input order. After <paramref name="stopToken"/> no new
        /// call starts and the users never started keep a null result.
        /// </summary>
        public Task<ZohoActionResult?[]> ChangeUsersStatusAsync(string portal, IReadOnlyList<PortalUserRef> users, bool active,
            Action<int, ZohoActionResult>? onResult = null, int? maxInFlight = null, CancellationToken cancellationToken = default,
            CancellationToken stopToken = default, Action<int>? onStarting = null)
        {
            if (users == null) throw new ArgumentNullException(nameof(users));
            foreach (var user in users)
            {
                UserTypeIdRules.Validate(user.UserTypeId, "UserType");
                ZohoIdRules.Validate(user.PersonalityId, "InvalidPersonalityId", "Portal user id", "PersonalityId");
            }
            var limit = Math.Min(maxInFlight ?? Options.MaxConcurrency, Options.MaxConcurrency);
            return ParallelRunner.RunAsync(users.Count, Math.Max(1, limit),
                (i, ct) => ChangeOneStatusAsync(portal, users[i].UserTypeId, users[i].PersonalityId, active, ct), onResult, cancellationToken, stopToken, onStarting);
        }

        /// <summary>
        /// One status change as a result: Zoho's "already so" counts as done, a refusal is the
        /// user's error, and a lost answer is read back (never guessed, never sent twice blindly).
        /// </summary>
        private async Task<ZohoActionResult> ChangeOneStatusAsync(string portal, string userTypeId, string personalityId, bool active, CancellationToken cancellationToken)
        {
            async Task<List<ZohoActionResult>> Send(IReadOnlyList<string> ids, CancellationToken token)
            {
                try
                {
                    var result = await ChangeUserStatusAsync(portal, userTypeId, personalityId, active, token).ConfigureAwait(false);
                    if (result.GetDetail("personality_id") == null) result.Details["personality_id"] = personalityId;
                    return new List<ZohoActionResult> { result };
                }
                catch (ZohoApiException e) when (!(e is ZohoOutcomeUnknownException))
                {
                    // "Already in that state" means the state asked for holds: done, not refused.
                    if (IsAlreadyInState(e.Code, active))
                        return new List<ZohoActionResult> { new ZohoActionResult { Code = e.Code, Status = "success", Message = e.ZohoMessage,
                            Details = new Dictionary<string, string?> { ["personality_id"] = personalityId, ["already_in_state"] = "true" }, HttpStatus = e.HttpStatus } };
                    return new List<ZohoActionResult> { ItemFailures.From(e, personalityId, "personality_id") };
                }
            }
            // After a lost answer: the user is done when the read shows the status asked for.
            async Task<HashSet<string>> InState(IReadOnlyList<string> ids, CancellationToken token)
            {
                var found = await ReadUsersAsync(portal, userTypeId, ids, token).ConfigureAwait(false);
                return new HashSet<string>(found.Values.Where(u => u.Active == active).Select(u => u.PersonalityId), StringComparer.Ordinal);
            }
            try
            {
                var results = await SendVerifiedAsync(new[] { personalityId }, Send, InState,
                    "PUT " + ChangeStatusPath(portal, userTypeId, personalityId), "Status of the user changed", cancellationToken).ConfigureAwait(false);
                return results[0];
            }
            catch (Exception e) when (ItemFailures.IsCallFailure(e))
            {
                return ItemFailures.From(e, personalityId, "personality_id");
            }
        }

        /// <summary>Zoho's answers that say the user already has the status asked for.</summary>
        public static bool IsAlreadyInState(string code, bool active) =>
            active ? code == "ALREADY_ACTIVATED" : code == "ALREADY_DEACTIVATED" || code == "ALREADY_INACTIVE";

        internal static string ChangeStatusPath(string portal, string userTypeId, string personalityId) =>
            UserTypePath(portal, userTypeId) + "/users/" + ZohoRequest.Segment(personalityId) + "/actions/change_status";

        private static List<ZohoActionResult> ReadBatchResults(ZohoResponse response, string wrapperKey)
        {
            var items = ReadActionResults(response, wrapperKey);
            foreach (var item in items) item.HttpStatus = response.StatusCode;
            return items;
        }

        /// <summary>Every id must look like a Zoho id before anything is sent.</summary>
        internal static void ValidatePersonalityIds(IReadOnlyList<string> personalityIds)
        {
            if (personalityIds == null) throw new ArgumentNullException(nameof(personalityIds));
            foreach (var id in personalityIds) ZohoIdRules.Validate(id, "InvalidPersonalityId", "Portal user id", "PersonalityId");
        }

        internal static void ValidateFilters(IReadOnlyList<PortalUserFilter>? filters)
        {
            if (filters == null) return;
            foreach (var filter in filters)
            {
                if (!string.Equals(filter.Field, PortalUserFilter.StatusReasonField, StringComparison.Ordinal))
                    throw new ZohoValidationException("InvalidUserFilter", "Zoho filters portal users only on " + PortalUserFilter.StatusReasonField + "; got '" + filter.Field + "'.", "Filters");
                if (filter.Comparator != "equal" && filter.Comparator != "not_equal")
                    throw new ZohoValidationException("InvalidUserFilter", "A portal user filter compares with equal or not_equal; got '" + filter.Comparator + "'.", "Filters");
            }
        }

        /// <summary>
        /// Pairs each id with its result. Zoho names the id in details; an id with no result of its
        /// own (which Zoho should never do) gets a synthetic NO_RESULT error rather than vanishing.
        /// A single SCHEDULED answer (Zoho turned the call into a job) stands for every id.
        /// </summary>
        internal static IEnumerable<ZohoActionResult> MatchResults(IList<string> ids, List<ZohoActionResult> items, string detailKey)
        {
            if (items.Count == 1 && items[0].Code == "SCHEDULED" && items[0].GetDetail(detailKey) == null)
            {
                var job = items[0];
                foreach (var id in ids)
                {
                    var details = job.Details.ToDictionary(kv => kv.Key, kv => kv.Value);
                    details[detailKey] = id;
                    yield return new ZohoActionResult { Code = job.Code, Status = job.Status, Message = job.Message, Details = details, HttpStatus = job.HttpStatus };
                }
                yield break;
            }

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
