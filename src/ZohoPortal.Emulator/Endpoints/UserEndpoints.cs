using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>zoho-api.md "Users": users of a user type.</summary>
    internal static class UserEndpoints
    {
        /// <summary>Above this many ids a transfer is scheduled as a job (zoho-api.md "Batches").</summary>
        internal const int SyncTransferLimit = 200;
        /// <summary>Above this many ids a delete is scheduled as a job (zoho-api.md "Batches": up to 499 synchronously).</summary>
        internal const int SyncDeleteLimit = 499;

        private static readonly Dictionary<string, Func<PortalUserState, bool>> TypeFilters = new Dictionary<string, Func<PortalUserState, bool>>(StringComparer.Ordinal)
        {
            ["AllUsers"] = u => true,
            ["AllActiveUsers"] = u => u.Active,
            ["ActiveUsers"] = u => u.Active,
            ["DeactiveUsers"] = u => !u.Active,
            ["NotConfirmedUsers"] = u => !u.Confirmed,
            ["ConfirmedUsers"] = u => u.Confirmed,
            ["ActiveConfirmedUsers"] = u => u.Active && u.Confirmed,
        };

        public static void Register(Router router)
        {
            router.Map("GET", "settings/portals/{portal}/user_type/{userTypeId}/users", List);
            router.Map("POST", "settings/portals/{portal}/user_type/{userTypeId}/users/action/transfer", Transfer);
            router.Map("DELETE", "settings/portals/{portal}/user_type/{userTypeId}/users", Delete);
            router.Map("PUT", "settings/portals/{portal}/user_type/{userTypeId}/users/{userId}/actions/change_status", ChangeStatus);
        }

        /// <summary>Finds portal and user type of the route; null plus an answer when either is unknown.</summary>
        internal static UserTypeState? FindType(RouteContext ctx, out EmulatorResponse? error)
        {
            error = null;
            if (PortalEndpoints.Find(ctx) == null)
            {
                error = PortalEndpoints.NoSuchPortal();
                return null;
            }
            var type = ctx.Org.FindUserType(ctx["userTypeId"]);
            if (type == null) error = Zj.Fail(400, "INVALID_DATA", "Invalid user type id", Zj.Details(("resource_path_index", 4)));
            return type;
        }

        private static EmulatorResponse List(RouteContext ctx)
        {
            var typeName = ctx.Request.GetQuery("type") ?? "AllUsers";
            if (!TypeFilters.TryGetValue(typeName, out var filter))
                return Zj.Fail(400, "PATTERN_NOT_MATCHED", "Please check whether the input values are correct", Zj.Details(("api_name", "type")));
            if (!TryReadInt(ctx, "page", 1, 1, int.MaxValue, out var page, out var bad)) return bad!;
            if (!TryReadInt(ctx, "per_page", 200, 1, 200, out var perPage, out bad)) return bad!;
            if (!TryReadFilters(ctx, out var filters, out bad)) return bad!;
            var only = SplitIds(ctx.Request.GetQuery("personality_ids"));
            var onlySet = only.Count == 0 ? null : new HashSet<string>(only, StringComparer.Ordinal);

            // No org lock: the portal, the user types and the type's users are read from snapshots
            // (OrgState, UserIndex). A page of every user costs the page's size (the first read
            // after a change sorts the type once); a page of some of them (a status, a filter,
            // given ids) one pass over the type's users, never over the org's.
            var type = FindType(ctx, out var error);
            if (type == null) return error!;
            var members = type.Members.Snapshot;
            var everyone = typeName == "AllUsers" && string.IsNullOrEmpty(ctx.Request.GetQuery("filters")) && onlySet == null;
            var first = (long)(page - 1) * perPage;
            var slice = new List<PortalUserState>(perPage);
            int total;
            if (everyone)
            {
                total = members.Length;
                for (var i = first; i < members.Length && slice.Count < perPage; i++) slice.Add(members[i]);
            }
            else
            {
                total = 0;
                foreach (var user in members)
                {
                    if (!filter(user) || !filters(user) || (onlySet != null && !onlySet.Contains(user.PersonalityId))) continue;
                    if (total >= first && slice.Count < perPage) slice.Add(user);
                    total++;
                }
            }
            if (slice.Count == 0) return EmulatorResponse.NoContent();
            var users = new JsonArray();
            foreach (var user in slice) users.Add(ToJson(user));
            return Zj.Respond(200, new JsonObject
            {
                ["users"] = users,
                ["info"] = new JsonObject
                {
                    ["per_page"] = perPage,
                    ["total_count"] = total,
                    ["count"] = slice.Count,
                    ["page"] = page,
                    ["more_records"] = (long)page * perPage < total,
                },
            });
        }

        private static EmulatorResponse Transfer(RouteContext ctx)
        {
            var target = ctx.Request.GetQuery("transfer_To");
            if (string.IsNullOrEmpty(target))
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "transfer_To")));
            var ids = SplitIds(ctx.Request.GetQuery("personality_ids"));
            if (ids.Count == 0)
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "personality_ids")));

            lock (ctx.Org.Sync)
            {
                var source = FindType(ctx, out var error);
                if (source == null) return error!;
                var destination = ctx.Org.FindUserType(target!);
                if (destination == null || destination.Id == source.Id)
                    return Zj.Fail(400, "INVALID_DATA", "Invalid user type id given in transfer_To", Zj.Details(("param_name", "transfer_To")));

                var movable = Members(ctx.Org, ids, source);
                ctx.Org.MoveUsers(movable.Found, source, destination);
                if (ids.Count > SyncTransferLimit)
                {
                    // Like Zoho, a large transfer becomes a job; the emulator carries it out at once.
                    return Zj.Respond(200, Zj.Wrap("users", Zj.Success("Transfer of users scheduled successfully",
                        Zj.Details(("job_id", ctx.Org.Ids.Next())), code: "SCHEDULED")));
                }

                var items = new List<JsonNode>();
                int ok = 0, failed = 0;
                foreach (var id in ids)
                {
                    if (movable.Ids.Remove(id)) // a repeated id succeeds once, as the user has moved by then
                    {
                        ok++;
                        items.Add(Zj.Success("User has been transferred successfully", Zj.Details(("personality_id", id))));
                    }
                    else
                    {
                        failed++;
                        items.Add(Zj.Error("INVALID_DATA",
                            "Transfer of user failed as personality id does not belongs to any portal user or belongs to portal user, who does not belongs to provided user type.",
                            Zj.Details(("personality_id", id))));
                    }
                }
                return Zj.Respond(Zj.BatchStatus(ok, failed), Zj.Wrap("users", items.ToArray()));
            }
        }

        private static EmulatorResponse Delete(RouteContext ctx)
        {
            var ids = SplitIds(ctx.Request.GetQuery("personality_ids"));
            if (ids.Count == 0)
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "personality_ids")));

            lock (ctx.Org.Sync)
            {
                var type = FindType(ctx, out var error);
                if (type == null) return error!;

                var deletable = Members(ctx.Org, ids, type);
                ctx.Org.RemoveUsers(deletable.Found, type);
                if (ids.Count > SyncDeleteLimit)
                {
                    // 500 or more ids become a job (zoho-api.md "Batches"); the emulator carries it out at once.
                    return Zj.Respond(200, Zj.Wrap("users", Zj.Success("Deletion of users scheduled successfully",
                        Zj.Details(("job_id", ctx.Org.Ids.Next())), code: "SCHEDULED")));
                }

                var items = new List<JsonNode>();
                int ok = 0, failed = 0;
                foreach (var id in ids)
                {
                    if (deletable.Ids.Remove(id)) // a repeated id succeeds once, as the user is gone by then
                    {
                        ok++;
                        items.Add(Zj.Success("Portal user deleted successfully.", Zj.Details(("personality_id", id))));
                    }
                    else
                    {
                        failed++;
                        items.Add(Zj.Error("INVALID_DATA",
                            "Delete of user failed as personality id does not belongs to any portal user or belongs to portal user, who does not belongs to provided user type.",
                            Zj.Details(("personality_id", id))));
                    }
                }
                return Zj.Respond(Zj.BatchStatus(ok, failed), Zj.Wrap("users", items.ToArray()));
            }
        }

        /// <summary>
        /// The users among <paramref name="ids"/> that belong to <paramref name="type"/> (each once,
        /// in the order given), found by id before anything changes, so one batch updates the
        /// type's index once.
        /// </summary>
        private static (List<PortalUserState> Found, HashSet<string> Ids) Members(OrgState org, List<string> ids, UserTypeState type)
        {
            var found = new List<PortalUserState>();
            var foundIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids)
                if (org.Users.TryGetValue(id, out var user) && user.UserTypeId == type.Id && foundIds.Add(id)) found.Add(user);
            return (found, foundIds);
        }

        /// <summary>zoho-api.md "Users": activate or deactivate one user.</summary>
        private static EmulatorResponse ChangeStatus(RouteContext ctx)
        {
            var activeText = ctx.Request.GetQuery("active");
            if (string.IsNullOrEmpty(activeText))
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "active")));
            bool active;
            if (string.Equals(activeText, "true", StringComparison.OrdinalIgnoreCase)) active = true;
            else if (string.Equals(activeText, "false", StringComparison.OrdinalIgnoreCase)) active = false;
            else return Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("param", "active"), ("expected_data_type", "boolean")));

            lock (ctx.Org.Sync)
            {
                var type = FindType(ctx, out var error);
                if (type == null) return error!;
                var id = ctx["userId"];
                // The user id is path segment 6 after /crm/{version}/ (settings/portals/{p}/user_type/{t}/users/{id}).
                var at = Zj.Details(("resource_path_index", "6"));
                if (!ctx.Org.Users.TryGetValue(id, out var user) || user.UserTypeId != type.Id)
                    return Zj.Fail(400, "INVALID_DATA", "The given personality id does not belong to a portal user of this user type.", at);
                if (active && user.Active)
                    return Zj.Fail(400, "ALREADY_ACTIVATED", "Already in active state only.", at);
                if (!active && !user.Confirmed)
                    return Zj.Fail(400, "NOT_ALLOWED", "Deactivating unconfirmed user is not allowed", at);
                // Deactivating a deactivated user is undocumented: EmulatorChoices decides.
                if (!active && !user.Active && !EmulatorChoices.DeactivatingAnInactiveUserSucceeds)
                    return Zj.Fail(400, "ALREADY_DEACTIVATED", "Already in deactive state only.", at);
                user.Active = active;
                if (active) user.StatusReason = null;
                return Zj.Respond(200, Zj.Wrap("change_status",
                    Zj.Success("Status of the user changed successfully.", Zj.Details(("personality_id", id)))));
            }
        }

        /// <summary>
        /// The "filters" parameter (zoho-api.md "Users"): a JSON array of {field, value, comparator}; Zoho knows
        /// only the field status_reason__s and the comparators equal / not_equal. All must match.
        /// </summary>
        internal static bool TryReadFilters(RouteContext ctx, out Func<PortalUserState, bool> predicate, out EmulatorResponse? error)
        {
            predicate = u => true;
            error = null;
            var text = ctx.Request.GetQuery("filters");
            if (string.IsNullOrEmpty(text)) return true;
            JsonArray? array;
            try
            {
                array = JsonNode.Parse(text!) as JsonArray;
            }
            catch (JsonException)
            {
                array = null;
            }
            if (array == null)
            {
                error = Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("api_name", "filters"), ("param", "filters"), ("expected_data_type", "jsonarray")));
                return false;
            }
            var tests = new List<Func<PortalUserState, bool>>();
            foreach (var node in array)
            {
                var entry = node as JsonObject;
                var field = Text(entry?["field"]);
                var comparator = Text(entry?["comparator"]);
                var value = Text(entry?["value"]);
                if (field != "status_reason__s")
                {
                    error = Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("api_name", "field"), ("param", "filters"), ("supported_values", new JsonArray("status_reason__s"))));
                    return false;
                }
                if (comparator != "equal" && comparator != "not_equal")
                {
                    error = Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("api_name", "comparator"), ("param", "filters"), ("supported_values", new JsonArray("equal", "not_equal"))));
                    return false;
                }
                var equal = comparator == "equal";
                tests.Add(u => string.Equals(u.StatusReason, value, StringComparison.OrdinalIgnoreCase) == equal);
            }
            predicate = u => tests.All(t => t(u));
            return true;
        }

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        internal static List<string> SplitIds(string? csv) =>
            string.IsNullOrWhiteSpace(csv) ? new List<string>() : csv!.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        internal static bool TryReadInt(RouteContext ctx, string name, int fallback, int min, int max, out int value, out EmulatorResponse? error)
        {
            error = null;
            value = fallback;
            var text = ctx.Request.GetQuery(name);
            if (text == null) return true;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
            error = Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("api_name", name), ("param", name)));
            return false;
        }

        internal static JsonObject ToJson(PortalUserState user) => new JsonObject
        {
            ["personality_id"] = user.PersonalityId,
            ["confirm"] = user.Confirmed,
            ["status_reason__s"] = user.StatusReason,
            ["invited_time"] = PortalEndpoints.Time(user.InvitedTime),
            ["module"] = user.Module,
            ["name"] = user.Name,
            ["active"] = user.Active,
            ["email"] = user.Email,
        };
    }
}
