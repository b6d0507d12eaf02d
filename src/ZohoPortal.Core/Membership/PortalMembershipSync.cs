using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// Makes a portal's membership match a list: reads the portal's users once, plans with
    /// <see cref="MembershipPlanner"/>, and applies the plan through the core's own batch
    /// executors (transfers 200 per call, bulk invitations 100 per job, status changes one per
    /// user in parallel, deletions 499 per call), so every user ends with a verified outcome.
    /// </summary>
    /// <remarks>
    /// Apply order: moves, then invitations, then deactivations, then removals. Moves and
    /// invitations only give access, so a run stopped part way (Ctrl+C, a fault) has taken
    /// nothing away; what takes access away comes last, after everything the list asks to keep
    /// has been done, and a re-run plans only what is still missing. Moves go before invitations
    /// because they are synchronous and cheap, while invitations wait for jobs.
    /// </remarks>
    public sealed class PortalMembershipSync
    {
        private readonly ZohoPortalClient _client;

        public PortalMembershipSync(ZohoPortalClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>How long an applied sync waits for its bulk-invite jobs by default.</summary>
        public static readonly TimeSpan DefaultInviteTimeout = TimeSpan.FromMinutes(10);

        /// <summary>
        /// The portal's user types and every user of every type, read with the fewest list calls
        /// the API allows: one user-type listing, then each type's users 200 per page (all types
        /// at once, within the connection's concurrency). Every user carries its type's id and name.
        /// </summary>
        public async Task<PortalMembershipSnapshot> ReadAsync(string portal, CancellationToken cancellationToken = default)
        {
            var types = await _client.GetUserTypesAsync(portal, cancellationToken: cancellationToken).ConfigureAwait(false);
            // Each type as one consistent reading: read again when it changed while it was read.
            var pages = await Task.WhenAll(types.Select(type => _client.ReadAllUsersAsync(portal, type.Id, type.Name, cancellationToken))).ConfigureAwait(false);
            return new PortalMembershipSnapshot(portal, types, pages.SelectMany(p => p.Users).ToList(), 1 + pages.Sum(p => p.Requests));
        }

        /// <summary>Reads the portal and plans the sync; nothing is changed.</summary>
        public async Task<PortalUserSyncPlan> PlanAsync(string portal, IReadOnlyList<PortalMembershipRow> rows, PortalUserAbsentAction absent,
            CancellationToken cancellationToken = default)
        {
            var snapshot = await ReadAsync(portal, cancellationToken).ConfigureAwait(false);
            var plan = MembershipPlanner.Plan(portal, rows, snapshot.UserTypes, snapshot.Users, absent);
            plan.ReadRequests = snapshot.Requests;
            return plan;
        }

        /// <summary>
        /// The changes of <paramref name="steps"/> grouped as they are sent, in apply order (moves,
        /// invitations, deactivations, removals), each with its request plan. Steps that change
        /// nothing are left out. Every step is checked first (ids, types, module, language), so a
        /// hand-built or filtered plan is refused before anything is sent.
        /// </summary>
        public IReadOnlyList<PortalUserSyncOperation> Operations(IEnumerable<PortalUserSyncStep> steps)
        {
            if (steps == null) throw new ArgumentNullException(nameof(steps));
            var changes = steps.Where(s => s != null && s.IsChange).ToList();
            foreach (var step in changes) Validate(step);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var step in changes)
                if (!seen.Add(step.PortalName + "|" + step.PersonalityId))
                    throw new ZohoValidationException("SyncDuplicateStep", "The plan holds user " + step.PersonalityId + " more than once; a plan has one step per user.", "Plan");

            var operations = new List<PortalUserSyncOperation>();
            foreach (var g in changes.Where(s => s.Action == PortalUserSyncAction.Move).GroupBy(s => (s.PortalName, s.FromUserTypeId, s.UserTypeId)))
            {
                var list = g.ToList();
                operations.Add(new PortalUserSyncOperation(PortalUserSyncAction.Move, g.Key.PortalName, list,
                    _client.PlanUserTransfer(g.Key.PortalName, g.Key.FromUserTypeId!, g.Key.UserTypeId, list.Select(s => s.PersonalityId).ToList()), null));
            }
            foreach (var g in changes.Where(s => s.Action == PortalUserSyncAction.Invite)
                         .GroupBy(s => (s.PortalName, s.UserTypeId, Module: s.Module!, s.Language), InviteKeyComparer.Instance))
            {
                var list = g.ToList();
                operations.Add(new PortalUserSyncOperation(PortalUserSyncAction.Invite, g.Key.PortalName, list, null,
                    _client.PlanInvite(g.Key.Module, list.Select(s => s.PersonalityId).ToList(), g.Key.UserTypeId, PortalInviteType.Invite, g.Key.Language, bulk: true)));
            }
            foreach (var g in changes.Where(s => s.Action == PortalUserSyncAction.Disable).GroupBy(s => (s.PortalName, s.UserTypeId)))
            {
                var list = g.ToList();
                operations.Add(new PortalUserSyncOperation(PortalUserSyncAction.Disable, g.Key.PortalName, list,
                    _client.PlanUserStatusChange(g.Key.PortalName, g.Key.UserTypeId, list.Select(s => s.PersonalityId).ToList(), active: false), null));
            }
            foreach (var g in changes.Where(s => s.Action == PortalUserSyncAction.Remove).GroupBy(s => (s.PortalName, s.UserTypeId)))
            {
                var list = g.ToList();
                operations.Add(new PortalUserSyncOperation(PortalUserSyncAction.Remove, g.Key.PortalName, list,
                    _client.PlanUserDeletion(g.Key.PortalName, g.Key.UserTypeId, list.Select(s => s.PersonalityId).ToList()), null));
            }
            return operations;
        }

        /// <summary>
        /// Applies <paramref name="steps"/>: asks <paramref name="approve"/> about every operation
        /// before anything is sent (false: the operation is not sent and reports nothing), then
        /// reports one result per step that sends nothing (Unchanged, Leave, Skip), then sends the
        /// approved operations in order. <paramref name="inviteTimeout"/> null waits
        /// <see cref="DefaultInviteTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.
        /// Every step sent ends with one result handed to <paramref name="onResult"/>: Done,
        /// Failed (Zoho's code), OutcomeUnknown (the answer was lost and could not be read back),
        /// or InProgress (an invite job still running at <paramref name="inviteTimeout"/>).
        /// After <paramref name="stopToken"/> no further operation or batch starts, the calls in
        /// flight finish and report, a wait for invite jobs ends with one last check, and every step
        /// not sent gets Outcome NotRun: every approved step still ends with exactly one result.
        /// <paramref name="onSending"/> is told the steps of each request just before it goes out.
        /// <paramref name="cancellationToken"/> aborts the calls in flight too, and throws.
        /// </summary>
        public async Task<List<PortalUserSyncResult>> ApplyAsync(IReadOnlyList<PortalUserSyncStep> steps,
            Func<PortalUserSyncOperation, Task<bool>> approve, Action<PortalUserSyncResult>? onResult = null,
            TimeSpan? inviteTimeout = null, CancellationToken cancellationToken = default, CancellationToken stopToken = default,
            Action<IReadOnlyList<PortalUserSyncStep>>? onSending = null)
        {
            if (steps == null) throw new ArgumentNullException(nameof(steps));
            if (approve == null) throw new ArgumentNullException(nameof(approve));
            var operations = Operations(steps);
            var results = new List<PortalUserSyncResult>();
            var gate = new object();
            void Report(PortalUserSyncResult result)
            {
                lock (gate) results.Add(result);
                onResult?.Invoke(result);
            }

            // Every question before the first request: a refusal (or a host that cannot ask) leaves the portal untouched.
            var approved = new List<PortalUserSyncOperation>();
            foreach (var operation in operations)
                if (await approve(operation).ConfigureAwait(false)) approved.Add(operation);

            foreach (var step in steps.Where(s => s != null && !s.IsChange))
                Report(PortalUserSyncResult.For(step, step.Action == PortalUserSyncAction.Skip ? PortalUserSyncOutcome.Skipped : PortalUserSyncOutcome.Unchanged, null, step.Reason));

            var run = new SyncRun(stopToken, cancellationToken, onSending);
            foreach (var operation in approved)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stopToken.IsCancellationRequested)
                {
                    foreach (var step in operation.Steps) Report(NotRun(step));
                    continue;
                }
                switch (operation.Action)
                {
                    case PortalUserSyncAction.Move:
                    case PortalUserSyncAction.Remove:
                        var sent = new bool[operation.Steps.Count];
                        var batchResults = await _client.RunUserPlanAsync(operation.UserPlan!, null, cancellationToken, stopToken, (offset, count) =>
                        {
                            for (var i = offset; i < offset + count; i++) sent[i] = true;
                            run.Sending(operation.Steps.Skip(offset).Take(count).ToList());
                        }).ConfigureAwait(false);
                        ReportBatch(operation, batchResults, sent, Report);
                        break;
                    case PortalUserSyncAction.Disable:
                        var refs = operation.Steps.Select(s => new PortalUserRef(s.UserTypeId, s.PersonalityId)).ToList();
                        var changed = await _client.ChangeUsersStatusAsync(operation.Portal, refs, active: false,
                            (i, r) => Report(FromAction(operation.Steps[i], r)), cancellationToken: cancellationToken, stopToken: stopToken,
                            onStarting: i => run.Sending(new[] { operation.Steps[i] })).ConfigureAwait(false);
                        // An abort leaves calls without an answer too: those are not "not run", so it throws first.
                        cancellationToken.ThrowIfCancellationRequested();
                        for (var i = 0; i < changed.Length; i++)
                            if (changed[i] == null) Report(NotRun(operation.Steps[i]));
                        break;
                    case PortalUserSyncAction.Invite:
                        await InviteAsync(operation, inviteTimeout ?? DefaultInviteTimeout, Report, run).ConfigureAwait(false);
                        break;
                }
            }
            return results;
        }

        /// <summary>The tokens and sending callback of one apply.</summary>
        private sealed class SyncRun
        {
            private readonly Action<IReadOnlyList<PortalUserSyncStep>>? _onSending;

            public SyncRun(CancellationToken stop, CancellationToken abort, Action<IReadOnlyList<PortalUserSyncStep>>? onSending)
            {
                Stop = stop;
                Abort = abort;
                _onSending = onSending;
            }

            public CancellationToken Stop { get; }
            public CancellationToken Abort { get; }
            public void Sending(IReadOnlyList<PortalUserSyncStep> steps) => _onSending?.Invoke(steps);
        }

        private static PortalUserSyncResult NotRun(PortalUserSyncStep step) =>
            PortalUserSyncResult.For(step, PortalUserSyncOutcome.NotRun, null, "Not sent: the sync was stopped before this step's request went out; nothing was changed for this user.");

        private static void ReportBatch(PortalUserSyncOperation operation, IReadOnlyList<ZohoActionResult> batchResults, bool[] sent, Action<PortalUserSyncResult> report)
        {
            for (var i = 0; i < operation.Steps.Count; i++)
            {
                var step = operation.Steps[i];
                var result = i < batchResults.Count ? batchResults[i] : null;
                report(result != null ? FromAction(step, result)
                    : !sent[i] ? NotRun(step)
                    : PortalUserSyncResult.For(step, PortalUserSyncOutcome.OutcomeUnknown, ZohoOutcomeUnknownException.OutcomeUnknownCode, "No answer for this user; its state is unknown."));
            }
        }

        private static PortalUserSyncResult FromAction(PortalUserSyncStep step, ZohoActionResult result)
        {
            var outcome = result.IsSuccess ? PortalUserSyncOutcome.Done
                : result.Code == ZohoOutcomeUnknownException.OutcomeUnknownCode ? PortalUserSyncOutcome.OutcomeUnknown
                : PortalUserSyncOutcome.Failed;
            var sync = PortalUserSyncResult.For(step, outcome, result.Code, result.Message);
            sync.HttpStatus = result.HttpStatus;
            sync.Details = result.Details;
            return sync;
        }

        /// <summary>
        /// Sends one invitation operation. Bulk-invite jobs still running from an earlier run are
        /// waited for first: records they invited are not invited again, and while one is still
        /// running (its records unknown until it completes) nothing is sent, so no record gets a
        /// second invitation. A stop before the send leaves every record NotRun; a stop while this
        /// run's jobs are waited for ends the wait with one last check of them.
        /// </summary>
        private async Task InviteAsync(PortalUserSyncOperation operation, TimeSpan wait, Action<PortalUserSyncResult> report, SyncRun run)
        {
            var cancellationToken = run.Abort;
            TimeSpan? timeout = wait == Timeout.InfiniteTimeSpan ? (TimeSpan?)null : wait;
            var plan = operation.InvitePlan!;
            var byId = operation.Steps.ToDictionary(s => s.PersonalityId, StringComparer.Ordinal);
            void Report(PortalUserSyncStep step, PortalUserSyncResult result)
            {
                // One result per record: a record named twice by Zoho (or by a job and a failure) is reported once.
                if (byId.Remove(step.PersonalityId)) report(result);
            }
            void NotRunRest()
            {
                foreach (var step in operation.Steps.Where(s => byId.ContainsKey(s.PersonalityId)).ToList()) Report(step, NotRun(step));
            }

            var listed = await _client.GetInviteJobsAsync(plan.Module, cancellationToken).ConfigureAwait(false);
            var earlier = listed.Where(j => !j.IsCompleted).ToList();
            if (earlier.Count > 0)
            {
                var waited = await WaitUnlessStoppedAsync(earlier, timeout, run).ConfigureAwait(false);
                if (waited == null)
                {
                    NotRunRest();
                    return;
                }
                if (waited.TimedOut)
                {
                    foreach (var step in operation.Steps)
                        Report(step, PortalUserSyncResult.For(step, PortalUserSyncOutcome.Skipped, "InviteJobsInProgress",
                            "Not invited: bulk-invite job(s) " + string.Join(", ", waited.Pending.Select(j => j.JobId))
                            + " of an earlier run are still in progress and may hold this record. Run the sync again once they complete."));
                    return;
                }
                foreach (var job in waited.Jobs)
                    foreach (var r in job.Results ?? new List<PortalInviteResult>())
                        if (r.IsSuccess && r.RecordId != null && byId.TryGetValue(r.RecordId, out var done))
                            Report(done, PortalUserSyncResult.For(done, PortalUserSyncOutcome.Unchanged, r.Code, "Invited by job " + job.JobId + " of an earlier run.", job.JobId));
                if (byId.Count == 0) return;
                if (byId.Count < operation.Steps.Count)
                    plan = _client.PlanInvite(plan.Module, operation.Steps.Where(s => byId.ContainsKey(s.PersonalityId)).Select(s => s.PersonalityId).ToList(),
                        plan.UserTypeId, plan.Type, plan.Language, bulk: true);
            }
            if (run.Stop.IsCancellationRequested)
            {
                NotRunRest();
                return;
            }

            // With nothing waited for, the list just read is what the send would read again to tell this run's jobs apart.
            var sent = new HashSet<string>(StringComparer.Ordinal);
            var submissions = await _client.StartBulkInviteAsync(plan, earlier.Count == 0 ? listed : null, null, cancellationToken, run.Stop, ids =>
            {
                lock (sent) sent.UnionWith(ids);
                run.Sending(ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList());
            }).ConfigureAwait(false);
            var jobs = new List<PortalInviteJob>();
            foreach (var submission in submissions)
            {
                if (submission.Job != null) { jobs.Add(submission.Job); continue; }
                foreach (var failed in submission.Failures ?? new List<PortalInviteResult>())
                    if (failed.RecordId != null && byId.TryGetValue(failed.RecordId, out var step)) Report(step, FromInvite(step, failed));
            }
            if (jobs.Count > 0)
            {
                var outcome = await WaitUnlessStoppedAsync(jobs, timeout, run).ConfigureAwait(false)
                              // Stopped while waiting: the jobs are Zoho's now; one last look tells which are done.
                              ?? await _client.WaitForInviteJobsAsync(jobs, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
                var notFound = new HashSet<PortalInviteJob>(outcome.NotFound);
                foreach (var job in jobs)
                {
                    var ids = job.RecordIds ?? new List<string>();
                    if (notFound.Contains(job) || !job.IsCompleted)
                    {
                        foreach (var id in ids)
                            if (byId.TryGetValue(id, out var step))
                                Report(step, notFound.Contains(job)
                                    ? PortalUserSyncResult.For(step, PortalUserSyncOutcome.OutcomeUnknown, "JOB_NOT_FOUND", "Zoho no longer knows job " + job.JobId + "; whether this record was invited is unknown.", job.JobId)
                                    : PortalUserSyncResult.For(step, PortalUserSyncOutcome.InProgress, PortalInviteResult.InProgressCode,
                                        "Job " + job.JobId + " was still in progress when the wait ended; Zoho keeps processing it (Get-PortalInviteJob -Module " + job.Module + " -JobId " + job.JobId + ").", job.JobId));
                        continue;
                    }
                    foreach (var r in job.Results ?? new List<PortalInviteResult>())
                        if (r.RecordId != null && byId.TryGetValue(r.RecordId, out var step)) Report(step, FromInvite(step, r));
                    foreach (var id in ids)
                        if (byId.TryGetValue(id, out var step))
                            Report(step, PortalUserSyncResult.For(step, PortalUserSyncOutcome.OutcomeUnknown, "NO_RESULT", "Job " + job.JobId + " did not mention this record; whether it was invited is unknown.", job.JobId));
                }
            }
            // Records of requests never started (a stop) are not run; a record sent that nothing mentioned is unknown.
            foreach (var step in operation.Steps.Where(s => byId.ContainsKey(s.PersonalityId)).ToList())
                Report(step, sent.Contains(step.PersonalityId)
                    ? PortalUserSyncResult.For(step, PortalUserSyncOutcome.OutcomeUnknown, "NO_RESULT", "No answer mentioned this record; whether it was invited is unknown.")
                    : NotRun(step));
        }

        /// <summary>Waits for invite jobs until they complete, the timeout, or a stop (null: stopped; an abort throws).</summary>
        private async Task<InviteWaitOutcome?> WaitUnlessStoppedAsync(IReadOnlyList<PortalInviteJob> jobs, TimeSpan? timeout, SyncRun run)
        {
            if (run.Stop.IsCancellationRequested) return null;
            using (var either = CancellationTokenSource.CreateLinkedTokenSource(run.Abort, run.Stop))
            {
                try
                {
                    return await _client.WaitForInviteJobsAsync(jobs, timeout, null, either.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (run.Stop.IsCancellationRequested && !run.Abort.IsCancellationRequested)
                {
                    return null;
                }
            }
        }

        private static PortalUserSyncResult FromInvite(PortalUserSyncStep step, PortalInviteResult r)
        {
            var outcome = r.IsSuccess ? PortalUserSyncOutcome.Done
                : r.Code == ZohoOutcomeUnknownException.OutcomeUnknownCode || r.Code == "NO_RESULT" ? PortalUserSyncOutcome.OutcomeUnknown
                : PortalUserSyncOutcome.Failed;
            var result = PortalUserSyncResult.For(step, outcome, r.Code, r.Message, r.JobId);
            result.Details = r.Details;
            return result;
        }

        private static void Validate(PortalUserSyncStep step)
        {
            if (string.IsNullOrEmpty(step.PortalName)) throw new ZohoValidationException("SyncStepNoPortal", "Step " + step + " names no portal.", "Plan");
            ZohoIdRules.Validate(step.PersonalityId, "InvalidPersonalityId", "Portal user id", "PersonalityId");
            UserTypeIdRules.Validate(step.UserTypeId, "UserTypeId");
            if (step.Action == PortalUserSyncAction.Move)
            {
                UserTypeIdRules.Validate(step.FromUserTypeId, "FromUserTypeId");
                if (step.FromUserTypeId == step.UserTypeId)
                    throw new ZohoValidationException("SyncStepMovesNowhere", "Step " + step + " moves user " + step.PersonalityId + " to the type it is in.", "Plan");
            }
            if (step.Action == PortalUserSyncAction.Invite)
            {
                InviteRules.ValidateModule(step.Module);
                step.Language = InviteRules.NormalizeLanguage(step.Language);
            }
        }

        /// <summary>Groups invitations by portal, type, module (letter case ignored) and language.</summary>
        private sealed class InviteKeyComparer : IEqualityComparer<(string PortalName, string UserTypeId, string Module, string? Language)>
        {
            public static readonly InviteKeyComparer Instance = new InviteKeyComparer();

            public bool Equals((string PortalName, string UserTypeId, string Module, string? Language) x, (string PortalName, string UserTypeId, string Module, string? Language) y) =>
                x.PortalName == y.PortalName && x.UserTypeId == y.UserTypeId && string.Equals(x.Module, y.Module, StringComparison.OrdinalIgnoreCase) && x.Language == y.Language;

            public int GetHashCode((string PortalName, string UserTypeId, string Module, string? Language) obj) =>
                (obj.PortalName + "|" + obj.UserTypeId + "|" + obj.Module.ToUpperInvariant() + "|" + obj.Language).GetHashCode();
        }
    }

    /// <summary>What a sync read of the portal: its user types and all their users.</summary>
    public sealed class PortalMembershipSnapshot
    {
        public PortalMembershipSnapshot(string portal, IReadOnlyList<PortalUserType> userTypes, IReadOnlyList<PortalUser> users, int requests)
        {
            Portal = portal;
            UserTypes = userTypes;
            Users = users;
            Requests = requests;
        }

        public string Portal { get; }
        public IReadOnlyList<PortalUserType> UserTypes { get; }
        public IReadOnlyList<PortalUser> Users { get; }

        /// <summary>List requests the read took.</summary>
        public int Requests { get; }
    }
}
