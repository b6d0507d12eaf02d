using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>
    /// docs/zoho-api.md "Invitations": invite one record, bulk invite (from v5) and bulk-invite job
    /// status (from v5). Inviting makes the record an unconfirmed, active portal user.
    /// </summary>
    internal static class InviteEndpoints
    {
        internal const string SentMessage = "An Invite has been sent to the personality.";
        internal const string ResentMessage = "Invite has been resent to personality";
        internal const string InvalidTypeMessage = "Invalid type for the portal invite";
        internal const string NoEmailMessage = "Invitation sent has failed as provided personality record does not have email id.";
        internal const string DuplicateEmailMessage = "Invitation sent has failed as a portal user exists with same email id";
        internal const string AlreadyInvitedMessage = "The personality has already been invited to the portal. Use the type reinvite to send the invitation again.";
        internal const string NotInvitedMessage = "The personality has not been invited to the portal yet. Use the type invite.";
        internal const string ScheduledMessage = "Portal bulk invite scheduled successfully";
        /// <summary>Most items in each array of the bulk body (the schema's maxItems).</summary>
        internal const int MaxBulkItems = 100;

        private static readonly HashSet<string> Languages = new HashSet<string>(StringComparer.Ordinal)
        {
            "en_US", "en_GB", "bg_BG", "zh_CN", "zh_TW", "hr_HR", "ar_EG", "in_ID", "cs_CZ", "da_DK",
            "nl_NL", "fr_FR", "de_DE", "hu_HU", "hi_IN", "it_IT", "ja_JP", "pl_PL", "pt_BR", "pt_PT",
            "ru_RU", "es_ES", "sv_SE", "th_TH", "tr_TR", "vi_VN", "ko_KR", "iw_IL", "",
        };

        public static void Register(Router router)
        {
            router.Map("POST", "{module}/{recordId}/actions/portal_invite", InviteOne);
            router.Map("POST", "{module}/actions/portal_invite", InviteBulk, minVersion: 5);
            router.Map("GET", "{module}/actions/portal_invite", JobStatus, minVersion: 5);
        }

        private static EmulatorResponse InviteOne(RouteContext ctx)
        {
            var type = ctx.Request.GetQuery("type");
            if (string.IsNullOrEmpty(type)) return MissingParam("type");
            var userTypeId = ctx.Request.GetQuery("user_type_id");
            if (string.IsNullOrEmpty(userTypeId)) return MissingParam("user_type_id");
            var language = ctx.Request.GetQuery("language");
            if (language != null && !Languages.Contains(language))
                return Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("param", "language")));

            lock (ctx.Org.Sync)
            {
                var module = FindModule(ctx, out var bad);
                if (module == null) return bad!;
                if (ctx.Org.Portal == null) return NoPortal();
                var recordId = ctx["recordId"];
                if (!ctx.Org.Records.TryGetValue(recordId, out var record) || !SameModule(record.Module, module.ApiName))
                    return Zj.Fail(400, "INVALID_DATA", "the id given seems to be invalid", Zj.Details(("resource_path_index", 1)));

                var outcome = Invite(ctx.Org, module.ApiName, record, userTypeId!, type!, ctx.Now, new EmailClaims(ctx.Org));
                if (outcome.Success)
                    return Zj.Respond(200, Zj.Wrap("portal_invite", Zj.Success(outcome.Message, Zj.Details(("record_id", record.Id)))));
                // Single-invite refusals are top-level objects (OAS examples, zoho-api.md "Invitations").
                var details = outcome.Code == "DUPLICATE_DATA" ? Zj.Details(("record_id", record.Id)) : outcome.Details;
                return Zj.Fail(400, outcome.Code, outcome.Message, details);
            }
        }

        private static EmulatorResponse InviteBulk(RouteContext ctx)
        {
            var body = ctx.ReadBody(out var bad);
            if (body == null) return bad!;
            var items = ReadBulkItems(body, out bad);
            if (items == null) return bad!;

            lock (ctx.Org.Sync)
            {
                var module = FindModule(ctx, out bad);
                if (module == null) return bad!;
                if (ctx.Org.Portal == null) return NoPortal();

                // Zoho checks the records in the background; the emulator decides at once and reveals the results when the job completes.
                var job = new InviteJobState { Id = ctx.Org.Ids.Next(), Module = module.ApiName, SubmittedAt = ctx.Now };
                var emails = new EmailClaims(ctx.Org);
                // The request's new users join the org together: one pass over each user type's index, not one per record.
                var added = new Dictionary<string, PortalUserState>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    if (!ctx.Org.Records.TryGetValue(item.Id, out var record) || !SameModule(record.Module, module.ApiName))
                    {
                        job.Results.Add(JobItem("INVALID_DATA", "error", "the id given seems to be invalid", Zj.Details(("id", item.Id))));
                        continue;
                    }
                    var outcome = Invite(ctx.Org, module.ApiName, record, item.UserTypeId, item.Type, ctx.Now, emails, added);
                    // Seed 000: the bad-type error names no record; every other result names its record.
                    var details = outcome.Code == "CANNOT_PROCESS" && outcome.Message == InvalidTypeMessage
                        ? new JsonObject()
                        : Zj.Details(("id", record.Id));
                    job.Results.Add(JobItem(outcome.Code, outcome.Success ? "success" : "error", outcome.Message, details));
                }
                ctx.Org.AddUsers(added.Values);
                ctx.Org.InviteJobs.Add(job);
                return Zj.Respond(200, Zj.Wrap("portal_invite", Zj.Success(ScheduledMessage, Zj.Details(("job_id", job.Id)), code: "SCHEDULED")));
            }
        }

        private static EmulatorResponse JobStatus(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                var module = FindModule(ctx, out var bad);
                if (module == null) return bad!;
                var jobId = ctx.Request.GetQuery("job_id");
                var jobs = ctx.Org.InviteJobs
                    .Where(j => SameModule(j.Module, module.ApiName) && (jobId == null || j.Id == jobId))
                    .ToList();
                // zoho-api.md "Invitations": an unknown job id answers 204, as does a module without jobs.
                if (jobs.Count == 0) return EmulatorResponse.NoContent();
                var delay = ctx.Emulator.Options.JobDelay;
                return Zj.Respond(200, Zj.Wrap("portal_invite", jobs.Select(j => (JsonNode)JobJson(j, ctx.Now, delay)).ToArray()));
            }
        }

        /// <summary>The invitation rules of zoho-api.md "Invitations", shared by both invite endpoints. Changes the org when the invitation succeeds.</summary>
        /// <remarks><c>added</c> is where a bulk request gathers its new users (added to the org by the caller, all at once); null adds each at once.</remarks>
        private static Outcome Invite(OrgState org, string module, CrmRecord record, string userTypeId, string type, DateTimeOffset now, EmailClaims portalEmails,
            Dictionary<string, PortalUserState>? added = null)
        {
            var reinvite = string.Equals(type, "reinvite", StringComparison.Ordinal);
            if (!reinvite && !string.Equals(type, "invite", StringComparison.Ordinal))
                return Outcome.Fail("CANNOT_PROCESS", InvalidTypeMessage);

            var userType = org.FindUserType(userTypeId);
            if (userType == null)
                return Outcome.Fail("INVALID_DATA", "Invalid user type id", Zj.Details(("api_name", "user_type_id")));
            if (!SameModule(userType.PersonalityModule, module))
                return Outcome.Fail("INVALID_DATA", "The user type does not belong to the given personality module.", Zj.Details(("api_name", "user_type_id")));

            if (org.Users.TryGetValue(record.Id, out var existing) || (added != null && added.TryGetValue(record.Id, out existing)))
            {
                if (!reinvite) return Outcome.Fail("CANNOT_PROCESS", AlreadyInvitedMessage);
                existing.InvitedTime = now;
                return Outcome.Ok(ResentMessage);
            }
            if (reinvite) return Outcome.Fail("CANNOT_PROCESS", NotInvitedMessage);

            if (string.IsNullOrWhiteSpace(record.Email)) return Outcome.Fail("INVALID_DATA", NoEmailMessage);
            if (!portalEmails.TryClaim(record.Email!)) return Outcome.Fail("DUPLICATE_DATA", DuplicateEmailMessage);

            var user = new PortalUserState
            {
                PersonalityId = record.Id,
                Module = record.Module,
                Name = record.Name,
                Email = record.Email,
                UserTypeId = userType.Id,
                Active = true,
                Confirmed = false,
                InvitedTime = now,
            };
            if (added != null) added[user.PersonalityId] = user;
            else org.AddUsers(new[] { user });
            return Outcome.Ok(SentMessage);
        }

        /// <summary>
        /// The emails taken while one request is decided: every portal user's (the org's index) and
        /// the ones claimed by earlier records of the same request, whose users join the org together at its end.
        /// </summary>
        private sealed class EmailClaims
        {
            private readonly OrgState _org;
            private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public EmailClaims(OrgState org) => _org = org;

            public bool TryClaim(string email) => !_org.HasPortalEmail(email) && _claimed.Add(email);
        }

        /// <summary>
        /// Reads and checks the bulk body (zoho-api.md "Invitations"). Structural faults answer 400 wrapped in
        /// portal_invite, naming the JSON path; an unknown type is not one of them (it surfaces
        /// in the job result, as seed 000 shows).
        /// </summary>
        private static List<BulkItem>? ReadBulkItems(JsonObject body, out EmulatorResponse? error)
        {
            error = null;
            if (!(body["portal_invite"] is JsonArray groups))
            {
                error = Zj.Fail(400, "MANDATORY_NOT_FOUND", "required field not found", Zj.Details(("api_name", "portal_invite"), ("json_path", "$.portal_invite")));
                return null;
            }
            if (groups.Count == 0 || groups.Count > MaxBulkItems)
            {
                error = WrappedFail(groups.Count == 0 ? "INVALID_DATA" : "LIMIT_EXCEEDED", groups.Count == 0 ? "invalid data" : "limit exceeded",
                    Zj.Details(("api_name", "portal_invite"), ("json_path", "$.portal_invite"), ("limit", MaxBulkItems)));
                return null;
            }

            var items = new List<BulkItem>();
            for (var g = 0; g < groups.Count; g++)
            {
                var groupPath = "$.portal_invite[" + g + "]";
                if (!(groups[g] is JsonObject group) || !(group["data"] is JsonArray data))
                {
                    error = WrappedFail("MANDATORY_NOT_FOUND", "required field not found", Zj.Details(("api_name", "data"), ("json_path", groupPath + ".data")));
                    return null;
                }
                if (data.Count == 0 || data.Count > MaxBulkItems)
                {
                    error = WrappedFail(data.Count == 0 ? "INVALID_DATA" : "LIMIT_EXCEEDED", data.Count == 0 ? "invalid data" : "limit exceeded",
                        Zj.Details(("api_name", "data"), ("json_path", groupPath + ".data"), ("limit", MaxBulkItems)));
                    return null;
                }
                for (var i = 0; i < data.Count; i++)
                {
                    var path = groupPath + ".data[" + i + "]";
                    if (!(data[i] is JsonObject item))
                    {
                        error = WrappedFail("INVALID_DATA", "invalid data", Zj.Details(("api_name", "data"), ("json_path", path), ("expected_data_type", "jsonobject")));
                        return null;
                    }
                    var id = ReadText(item, "id", path, "bigint", out error);
                    if (error != null) return null;
                    var userTypeId = ReadText(item, "user_type_id", path, "bigint", out error);
                    if (error != null) return null;
                    var type = ReadText(item, "type", path, "text", out error);
                    if (error != null) return null;
                    var languageNode = item["language"];
                    if (languageNode != null && !(languageNode is JsonValue lv && lv.TryGetValue<string>(out var language) && Languages.Contains(language)))
                    {
                        error = WrappedFail("INVALID_DATA", "invalid data", Zj.Details(("api_name", "language"), ("json_path", path + ".language")));
                        return null;
                    }
                    if (!IsNumeric(id!))
                    {
                        error = WrappedFail("INVALID_DATA", "invalid data", Zj.Details(("api_name", "id"), ("json_path", path + ".id"), ("expected_data_type", "bigint")));
                        return null;
                    }
                    items.Add(new BulkItem(id!, userTypeId!, type!));
                }
            }
            return items;
        }

        /// <summary>A mandatory string (or number, zoho-api.md "Ids") member of a bulk item.</summary>
        private static string? ReadText(JsonObject item, string name, string path, string expectedType, out EmulatorResponse? error)
        {
            error = null;
            var node = item[name];
            if (node == null)
            {
                error = WrappedFail("MANDATORY_NOT_FOUND", "required field not found", Zj.Details(("api_name", name), ("json_path", path + "." + name)));
                return null;
            }
            if (node is JsonValue value)
            {
                if (value.TryGetValue<string>(out var text) && text.Length > 0) return text;
                if (value.TryGetValue<long>(out var number)) return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            error = WrappedFail("INVALID_DATA", "invalid data", Zj.Details(("api_name", name), ("json_path", path + "." + name), ("expected_data_type", expectedType)));
            return null;
        }

        /// <summary>A job as seed 000 prints it: data (null while in progress), job_id, status.</summary>
        private static JsonObject JobJson(InviteJobState job, DateTimeOffset now, TimeSpan delay)
        {
            var completed = job.IsCompleted(now, delay);
            JsonArray? data = null;
            if (completed)
            {
                data = new JsonArray();
                foreach (var result in job.Results) data.Add(result.DeepClone());
            }
            return new JsonObject
            {
                ["data"] = data,
                ["job_id"] = job.Id,
                ["status"] = completed ? "completed" : "in_progress",
            };
        }

        /// <summary>A job result item, in seed 000's key order (details first).</summary>
        private static JsonObject JobItem(string code, string status, string message, JsonObject details) => new JsonObject
        {
            ["details"] = details,
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
        };

        private static CrmModule? FindModule(RouteContext ctx, out EmulatorResponse? error)
        {
            error = null;
            if (ctx.Org.Modules.TryGetValue(ctx["module"], out var module) && module.CanBePersonality) return module;
            error = Zj.Fail(400, "INVALID_MODULE", "the module name given seems to be invalid", Zj.Details(("resource_path_index", 0)));
            return null;
        }

        private static EmulatorResponse NoPortal() => Zj.Fail(400, "INVALID_DATA", "No portal exists in the organization.");

        private static EmulatorResponse MissingParam(string name) =>
            Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", name)));

        private static EmulatorResponse WrappedFail(string code, string message, JsonObject details) =>
            Zj.FailWrapped(400, "portal_invite", code, message, details);

        private static bool SameModule(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool IsNumeric(string text) => text.Length > 0 && text.Length <= 25 && text.All(c => c >= '0' && c <= '9');

        private readonly struct BulkItem
        {
            public BulkItem(string id, string userTypeId, string type)
            {
                Id = id;
                UserTypeId = userTypeId;
                Type = type;
            }

            public string Id { get; }
            public string UserTypeId { get; }
            public string Type { get; }
        }

        private sealed class Outcome
        {
            private Outcome(bool success, string code, string message, JsonObject? details)
            {
                Success = success;
                Code = code;
                Message = message;
                Details = details ?? new JsonObject();
            }

            public bool Success { get; }
            public string Code { get; }
            public string Message { get; }
            public JsonObject Details { get; }

            public static Outcome Ok(string message) => new Outcome(true, "SUCCESS", message, null);
            public static Outcome Fail(string code, string message, JsonObject? details = null) => new Outcome(false, code, message, details);
        }
    }
}
