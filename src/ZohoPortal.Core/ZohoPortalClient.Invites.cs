using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
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
        /// <summary>Most records the client puts in one bulk-invite request (zoho-api.md "Invitations": the schema's cap); each request is one job.</summary>
        public const int MaxInviteBatch = 100;
        /// <summary>First pause between checks of a running job; it doubles up to <see cref="InvitePollMaxInterval"/>.</summary>
        public static readonly TimeSpan InvitePollFirstInterval = TimeSpan.FromMilliseconds(500);
        public static readonly TimeSpan InvitePollMaxInterval = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Invites (or re-invites) one record with the single-invite endpoint (zoho-api.md "Invitations"). Zoho answers
        /// at once; a refusal (DUPLICATE_DATA, INVALID_DATA, CANNOT_PROCESS...) is thrown as a
        /// <see cref="ZohoApiException"/> carrying Zoho's code.
        /// </summary>
        public async Task<PortalInviteResult> InviteRecordAsync(string module, string recordId, string userTypeId,
            PortalInviteType type = PortalInviteType.Invite, string? language = null, CancellationToken cancellationToken = default) =>
            await InviteRecordAsync(PlanInvite(module, new[] { recordId }, userTypeId, type, language, bulk: false), cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Describes an invitation before it is sent, after every check that needs no request
        /// (module, record ids, user type id, language, and the API version for bulk).
        /// </summary>
        public InvitePlan PlanInvite(string module, IReadOnlyList<string> recordIds, string userTypeId,
            PortalInviteType type = PortalInviteType.Invite, string? language = null, bool bulk = true)
        {
            if (bulk) InviteRules.RequireBulkVersion(Options.ApiVersion, "Bulk invitation");
            InviteRules.ValidateModule(module);
            if (recordIds == null) throw new ArgumentNullException(nameof(recordIds));
            if (!bulk && recordIds.Count != 1) throw new ArgumentException("The single-invite call takes exactly one record.", nameof(recordIds));
            foreach (var id in recordIds) InviteRules.ValidateRecordId(id);
            UserTypeIdRules.Validate(userTypeId, "UserType");
            language = InviteRules.NormalizeLanguage(language);
            var path = bulk ? InviteJobsPath(module) : "/" + ZohoRequest.Segment(module) + "/" + ZohoRequest.Segment(recordIds[0]) + "/actions/portal_invite";
            return new InvitePlan(module, recordIds.ToList(), userTypeId, type, language, bulk, path);
        }

        /// <summary>Sends a single-invite plan (see <see cref="PlanInvite"/> with bulk: false).</summary>
        public async Task<PortalInviteResult> InviteRecordAsync(InvitePlan plan, CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (plan.IsBulk) throw new ArgumentException("A bulk plan is sent with StartBulkInviteAsync.", nameof(plan));
            var request = new ZohoRequest(HttpMethod.Post, plan.Path)
                .AddQuery("user_type_id", plan.UserTypeId)
                .AddQuery("type", InviteRules.TypeText(plan.Type))
                .AddQuery("language", plan.Language);
            var item = await Http.SendAsync(request, r => ReadSingleAction(r, "portal_invite", "POST", plan.Path), cancellationToken).ConfigureAwait(false);
            var result = ToInviteResult(item, plan.Module, null, plan.UserTypeId, plan.Type);
            result.RecordId = plan.RecordIds[0];
            return result;
        }

        /// <summary>
        /// Starts bulk invitations (zoho-api.md "Invitations"): the records go out in requests of at most
        /// <see cref="MaxInviteBatch"/>, each becoming one job. The answer holds one submission per
        /// request, in input order: the job, or (when Zoho refused the request as a whole) that
        /// error once per record. Only validation and cancellation throw.
        /// <paramref name="onSubmission"/> sees each request as it finishes.
        /// </summary>
        public async Task<List<PortalInviteSubmission>> StartBulkInviteAsync(string module, IReadOnlyList<string> recordIds, string userTypeId,
            PortalInviteType type = PortalInviteType.Invite, string? language = null, Action<PortalInviteSubmission>? onSubmission = null,
            CancellationToken cancellationToken = default) =>
            await StartBulkInviteAsync(PlanInvite(module, recordIds, userTypeId, type, language, bulk: true), onSubmission, cancellationToken).ConfigureAwait(false);

        /// <summary>Sends a bulk plan (see <see cref="PlanInvite"/>), one request per planned batch.</summary>
        public Task<List<PortalInviteSubmission>> StartBulkInviteAsync(InvitePlan plan, Action<PortalInviteSubmission>? onSubmission = null,
            CancellationToken cancellationToken = default) =>
            StartBulkInviteAsync(plan, null, onSubmission, cancellationToken);

        /// <summary>
        /// As <see cref="StartBulkInviteAsync(InvitePlan, Action{PortalInviteSubmission}, CancellationToken)"/>, for a
        /// caller that has just read the module's job list (<paramref name="jobsListedJustNow"/>): those jobs are known
        /// not to be this run's, so the list is not read again before sending. Null reads it.
        /// After <paramref name="stopToken"/> no further request starts and those in flight finish: the submissions
        /// returned are then those of the requests sent, and the records of the others were never sent.
        /// <paramref name="onSending"/> is told each request's records just before it goes out.
        /// </summary>
        public async Task<List<PortalInviteSubmission>> StartBulkInviteAsync(InvitePlan plan, IReadOnlyCollection<PortalInviteJob>? jobsListedJustNow,
            Action<PortalInviteSubmission>? onSubmission = null, CancellationToken cancellationToken = default,
            CancellationToken stopToken = default, Action<IReadOnlyList<string>>? onSending = null)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (!plan.IsBulk) throw new ArgumentException("A single-invite plan is sent with InviteRecordAsync.", nameof(plan));
            var module = plan.Module;
            var userTypeId = plan.UserTypeId;
            var type = plan.Type;
            var language = plan.Language;
            var batches = plan.Batches.Select(b => b.ToList()).ToList();

            // The jobs listed now are not this run's: a lost answer is later matched only against newer ones.
            var known = jobsListedJustNow ?? await GetInviteJobsAsync(module, cancellationToken).ConfigureAwait(false);
            var run = new InviteRun(known.Select(j => j.JobId));
            var callbackGate = new object();
            // The same scheduler as every batch of the client: the connection's MaxConcurrency is the only limit.
            var submissions = await ParallelRunner.RunAsync(batches.Count, Math.Max(1, Options.MaxConcurrency),
                async (i, ct) =>
                {
                    var submission = await SubmitBulkInviteAsync(run, module, batches[i], userTypeId, type, language, ct).ConfigureAwait(false);
                    if (onSubmission != null) lock (callbackGate) onSubmission(submission);
                    return submission;
                }, null, cancellationToken, stopToken, i => onSending?.Invoke(batches[i])).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return submissions.Where(x => x != null).Select(x => x!).ToList();
        }

        private async Task<PortalInviteSubmission> SubmitBulkInviteAsync(InviteRun run, string module, List<string> batch, string userTypeId,
            PortalInviteType type, string? language, CancellationToken cancellationToken, int round = 0)
        {
            var path = InviteJobsPath(module);
            var body = new BulkInviteRequest();
            var group = new BulkInviteGroup();
            foreach (var id in batch)
                group.Data.Add(new BulkInviteItem { Id = id, UserTypeId = userTypeId, Type = InviteRules.TypeText(type), Language = language });
            body.PortalInvite.Add(group);
            var request = new ZohoRequest(HttpMethod.Post, path)
            {
                JsonBody = Serialize(body, ZohoJsonContext.Default.BulkInviteRequest),
                BatchWrapperKey = "portal_invite",
            };

            ZohoActionResult answer;
            try
            {
                answer = await Http.SendAsync(request, r => ReadActionResults(r, "portal_invite").FirstOrDefault()
                    ?? throw new JsonException("Expected one item in \"portal_invite\"."), cancellationToken).ConfigureAwait(false);
            }
            catch (ZohoOutcomeUnknownException lost)
            {
                return await RecoverBulkInviteAsync(run, module, batch, userTypeId, type, language, lost, round, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailures.IsCallFailure(e))
            {
                // Refused as a whole: the same conversion as every batch; each record then gets its own copy.
                answer = ItemFailures.From(e, string.Empty, "id");
                answer.Details.Remove("id");
            }

            var jobId = answer.IsSuccess ? answer.GetDetail("job_id") : null;
            if (!string.IsNullOrEmpty(jobId))
            {
                run.Claim(jobId!);
                return new PortalInviteSubmission(batch, new PortalInviteJob
                {
                    JobId = jobId!,
                    Module = module,
                    Status = PortalInviteJob.ScheduledStatus,
                    RecordIds = batch,
                    UserTypeId = userTypeId,
                    Type = type,
                    SubmittedAt = Options.Clock.UtcNow,
                }, null);
            }

            // Refused as a whole (or accepted without a job id, which leaves its records untraceable): every record is told why.
            if (answer.IsSuccess)
                answer = new ZohoActionResult { Code = "NO_JOB_ID", Status = "error", Message = "Zoho accepted the request but named no job (" + answer.Code + ": " + answer.Message + "); the records' fate is unknown.", Details = answer.Details };
            var failures = batch.Select(id =>
            {
                var failed = ToInviteResult(answer, module, null, userTypeId, type);
                failed.RecordId = id;
                return failed;
            }).ToList();
            return new PortalInviteSubmission(batch, null, failures);
        }

        /// <summary>One bulk-invite job of <paramref name="module"/>, or null when Zoho does not know the id (zoho-api.md "Invitations": 204).</summary>
        public async Task<PortalInviteJob?> GetInviteJobAsync(string module, string jobId, CancellationToken cancellationToken = default)
        {
            InviteRules.RequireBulkVersion(Options.ApiVersion, "Invite job status");
            InviteRules.ValidateModule(module);
            ZohoIdRules.Validate(jobId, "InvalidJobId", "Job id", "JobId");
            var request = new ZohoRequest(HttpMethod.Get, InviteJobsPath(module)).AddQuery("job_id", jobId);
            var bodies = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.InviteJobsEnvelope, e => e.Jobs), cancellationToken).ConfigureAwait(false);
            var body = bodies.FirstOrDefault(b => b.JobId == jobId) ?? bodies.FirstOrDefault();
            if (body == null) return null;
            var job = new PortalInviteJob { JobId = body.JobId ?? jobId, Module = module, CheckedAt = Options.Clock.UtcNow };
            Apply(job, body);
            return job;
        }

        /// <summary>Every bulk-invite job Zoho remembers for <paramref name="module"/> (zoho-api.md "Invitations"); empty when there are none.</summary>
        public async Task<List<PortalInviteJob>> GetInviteJobsAsync(string module, CancellationToken cancellationToken = default)
        {
            InviteRules.RequireBulkVersion(Options.ApiVersion, "Invite job status");
            InviteRules.ValidateModule(module);
            var request = new ZohoRequest(HttpMethod.Get, InviteJobsPath(module));
            var bodies = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.InviteJobsEnvelope, e => e.Jobs), cancellationToken).ConfigureAwait(false);
            return bodies.Select(body =>
            {
                var job = new PortalInviteJob { JobId = body.JobId ?? string.Empty, Module = module, CheckedAt = Options.Clock.UtcNow };
                Apply(job, body);
                return job;
            }).ToList();
        }

        /// <summary>
        /// Asks Zoho about <paramref name="job"/> and updates it in place (status, results, check
        /// time). Returns false when Zoho no longer knows the job (204).
        /// </summary>
        public async Task<bool> RefreshInviteJobAsync(PortalInviteJob job, CancellationToken cancellationToken = default)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            var fresh = await GetInviteJobAsync(job.Module, job.JobId, cancellationToken).ConfigureAwait(false);
            job.CheckedAt = Options.Clock.UtcNow;
            if (fresh == null) return false;
            Update(job, fresh);
            return true;
        }

        /// <summary>Takes status and results from a fresh read of the same job.</summary>
        private void Update(PortalInviteJob job, PortalInviteJob fresh)
        {
            job.CheckedAt = Options.Clock.UtcNow;
            job.Status = fresh.Status;
            job.Results = fresh.Results == null ? null : MatchInviteResults(job, fresh.Results);
        }

        /// <summary>
        /// Waits until every job has completed or <paramref name="timeout"/> has passed (null: no
        /// limit; zero checks once, at once). A job just submitted is not done yet, so the first check comes after
        /// <see cref="InvitePollFirstInterval"/>; the pause then doubles up to
        /// <see cref="InvitePollMaxInterval"/> (never past the timeout). A round asks once per
        /// module for the list of its jobs (the job-status call without job_id) and checks by id
        /// only a job that listing does not show, or every job of a module whose listing was
        /// refused; those checks run concurrently. Pauses use the connection's clock, and
        /// cancellation ends the wait at once. The jobs are updated in place; a job Zoho does not
        /// know is reported in <see cref="InviteWaitOutcome.NotFound"/>.
        /// </summary>
        public async Task<InviteWaitOutcome> WaitForInviteJobsAsync(IReadOnlyList<PortalInviteJob> jobs, TimeSpan? timeout = null,
            Action<InviteWaitProgress>? onProgress = null, CancellationToken cancellationToken = default)
        {
            if (jobs == null) throw new ArgumentNullException(nameof(jobs));
            if (timeout.HasValue && timeout.Value < TimeSpan.Zero) throw new ZohoValidationException("InvalidTimeout", "The timeout must not be negative.", "Timeout");
            if (jobs.Any(j => !j.IsCompleted)) InviteRules.RequireBulkVersion(Options.ApiVersion, "Waiting for invite jobs");
            foreach (var job in jobs.Where(j => !j.IsCompleted))
            {
                InviteRules.ValidateModule(job.Module);
                ZohoIdRules.Validate(job.JobId, "InvalidJobId", "Job id", "JobId");
            }

            var clock = Options.Clock;
            var started = clock.UtcNow;
            var deadline = timeout.HasValue ? started + timeout.Value : (DateTimeOffset?)null;
            var pending = jobs.Where(j => !j.IsCompleted).ToList();
            var notFound = new HashSet<PortalInviteJob>();
            var interval = InvitePollFirstInterval;
            var outcome = new InviteWaitOutcome();

            var checkedOnce = false;
            while (pending.Count > 0)
            {
                var now = clock.UtcNow;
                if (checkedOnce && deadline.HasValue && now >= deadline.Value) break;
                var pause = interval;
                if (deadline.HasValue && deadline.Value - now < pause) pause = deadline.Value - now;
                // A timeout of zero (or no time left before the first check) checks once, at once.
                if (pause > TimeSpan.Zero)
                {
                    onProgress?.Invoke(Progress(jobs, notFound, now - started, pause, deadline.HasValue ? deadline.Value - now : (TimeSpan?)null));
                    await clock.Delay(pause, cancellationToken).ConfigureAwait(false);
                    var doubled = TimeSpan.FromTicks(interval.Ticks * 2);
                    interval = doubled > InvitePollMaxInterval ? InvitePollMaxInterval : doubled;
                }
                checkedOnce = true;

                cancellationToken.ThrowIfCancellationRequested();
                var rounds = pending.GroupBy(j => j.Module, StringComparer.OrdinalIgnoreCase)
                    .Select(module => CheckModuleJobsAsync(module.Key, module.ToList(), notFound, cancellationToken)).ToList();
                await Task.WhenAll(rounds).ConfigureAwait(false);
                pending = pending.Where(j => !j.IsCompleted && !notFound.Contains(j)).ToList();
            }

            var end = clock.UtcNow;
            onProgress?.Invoke(Progress(jobs, notFound, end - started, null, deadline.HasValue ? deadline.Value - end : (TimeSpan?)null));
            foreach (var job in jobs)
            {
                if (notFound.Contains(job)) outcome.NotFound.Add(job);
                else outcome.Jobs.Add(job);
            }
            outcome.Pending.AddRange(pending);
            outcome.TimedOut = pending.Count > 0;
            outcome.Elapsed = end - started;
            return outcome;
        }

        /// <summary>
        /// One round for the pending jobs of one module: one listing of the module's jobs, then a
        /// check by id for each job the listing does not show (Zoho may list only recent jobs), or
        /// for all of them when the listing itself failed.
        /// </summary>
        private async Task CheckModuleJobsAsync(string module, List<PortalInviteJob> pending, HashSet<PortalInviteJob> notFound, CancellationToken cancellationToken)
        {
            var unlisted = pending;
            if (pending.Count > 1)
            {
                try
                {
                    var listed = new Dictionary<string, PortalInviteJob>(StringComparer.Ordinal);
                    foreach (var fresh in await GetInviteJobsAsync(module, cancellationToken).ConfigureAwait(false))
                        if (!string.IsNullOrEmpty(fresh.JobId)) listed[fresh.JobId] = fresh;
                    unlisted = new List<PortalInviteJob>();
                    foreach (var job in pending)
                    {
                        if (listed.TryGetValue(job.JobId, out var fresh)) Update(job, fresh);
                        else unlisted.Add(job);
                    }
                }
                catch (Exception e) when (ItemFailures.IsCallFailure(e))
                {
                    TraceVerbose("Listing the bulk-invite jobs of " + module + " failed (" + e.Message + "); checking its " + pending.Count + " jobs one by one.");
                }
            }
            var checks = unlisted.Select(async job => (job, found: await RefreshInviteJobAsync(job, cancellationToken).ConfigureAwait(false))).ToList();
            foreach (var (job, found) in await Task.WhenAll(checks).ConfigureAwait(false))
                if (!found) lock (notFound) notFound.Add(job);
        }

        private static InviteWaitProgress Progress(IReadOnlyList<PortalInviteJob> jobs, HashSet<PortalInviteJob> notFound, TimeSpan elapsed, TimeSpan? next, TimeSpan? left)
        {
            var known = jobs.Where(j => !notFound.Contains(j)).ToList();
            return new InviteWaitProgress
            {
                TotalJobs = known.Count,
                CompletedJobs = known.Count(j => j.IsCompleted),
                TotalRecords = known.Sum(j => j.RecordCount),
                CompletedRecords = known.Where(j => j.IsCompleted).Sum(j => j.RecordCount),
                Elapsed = elapsed,
                NextCheckIn = next,
                TimeLeft = left.HasValue && left.Value < TimeSpan.Zero ? TimeSpan.Zero : left,
            };
        }

        internal static string InviteJobsPath(string module) => "/" + ZohoRequest.Segment(module) + "/actions/portal_invite";

        private static void Apply(PortalInviteJob job, InviteJobBody body)
        {
            job.Status = body.Status ?? string.Empty;
            job.Results = body.Data?.Select(item =>
            {
                var result = ToInviteResult(item, job.Module, job.JobId, job.UserTypeId, job.Type);
                result.RecordId = item.GetDetail("id") ?? item.GetDetail("record_id");
                return result;
            }).ToList();
        }

        /// <summary>
        /// With the records a job carried known, gives each exactly one result: Zoho's result
        /// naming it, else an unnamed one (Zoho leaves details empty for some errors, seed 000),
        /// else a NO_RESULT error. Without them, the results stay as Zoho sent them.
        /// </summary>
        private static List<PortalInviteResult> MatchInviteResults(PortalInviteJob job, List<PortalInviteResult> results)
        {
            if (job.RecordIds == null || job.RecordIds.Count == 0) return results;
            var items = results.Select(r => new ZohoActionResult
            {
                Code = r.Code,
                Status = r.Status,
                Message = r.Message,
                Details = r.RecordId == null ? r.Details : new Dictionary<string, string?>(r.Details) { ["id"] = r.RecordId },
            }).ToList();
            var matched = MatchResults(job.RecordIds, items, "id").ToList();
            var list = new List<PortalInviteResult>(matched.Count);
            for (var i = 0; i < matched.Count; i++)
            {
                var item = matched[i];
                if (item.Code == "NO_RESULT") item.Message = "Zoho's job result did not mention this record; whether it was invited is unknown.";
                var result = ToInviteResult(item, job.Module, job.JobId, job.UserTypeId, job.Type);
                result.RecordId = job.RecordIds[i];
                list.Add(result);
            }
            return list;
        }

        private static PortalInviteResult ToInviteResult(ZohoActionResult item, string module, string? jobId, string? userTypeId, PortalInviteType? type) =>
            new PortalInviteResult
            {
                Module = module,
                Code = item.Code,
                Status = item.Status,
                Message = item.Message,
                JobId = jobId,
                UserTypeId = userTypeId,
                Type = type,
                Details = item.Details ?? new Dictionary<string, string?>(),
            };
    }
}
