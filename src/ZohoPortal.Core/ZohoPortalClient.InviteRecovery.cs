using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    /// <summary>
    /// A bulk invite whose answer was lost may or may not have become a job. Before anything is
    /// sent again, the module's job list is read: a job that appeared since the run started, is
    /// not one of this run's, and names these records in its results is the request's job. Only
    /// when every such new job has completed and none holds the records is the request sent
    /// again, so the same records never land in two jobs. Otherwise the records are reported
    /// with outcome unknown.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>How long recovery waits for new jobs to complete so their records can be read.</summary>
        public static readonly TimeSpan InviteRecoveryWait = TimeSpan.FromMinutes(2);

        /// <summary>The job ids a bulk-invite run knows: those listed before it started, and those it created.</summary>
        internal sealed class InviteRun
        {
            private readonly HashSet<string> _known = new HashSet<string>(StringComparer.Ordinal);

            public InviteRun(IEnumerable<string> before)
            {
                foreach (var id in before) _known.Add(id);
            }

            /// <summary>One recovery at a time, so two lost answers never claim the same job.</summary>
            public SemaphoreSlim Recovery { get; } = new SemaphoreSlim(1, 1);

            public void Claim(string jobId)
            {
                lock (_known) _known.Add(jobId);
            }

            public bool IsKnown(string jobId)
            {
                lock (_known) return _known.Contains(jobId);
            }
        }

        /// <summary>Finds the job a lost bulk-invite request created; null when the list shows it created none.</summary>
        private async Task<PortalInviteJob?> FindLostInviteJobAsync(InviteRun run, string module, IReadOnlyList<string> batch, CancellationToken cancellationToken)
        {
            var records = new HashSet<string>(batch, StringComparer.Ordinal);
            var clock = Options.Clock;
            var deadline = clock.UtcNow + InviteRecoveryWait;
            var pause = InvitePollFirstInterval;
            while (true)
            {
                var fresh = (await GetInviteJobsAsync(module, cancellationToken).ConfigureAwait(false)).Where(j => !run.IsKnown(j.JobId)).ToList();
                foreach (var job in fresh.Where(j => j.IsCompleted && j.Results != null))
                    if (job.Results!.Any(r => r.RecordId != null && records.Contains(r.RecordId)))
                        return job;
                var running = fresh.Where(j => !j.IsCompleted).ToList();
                if (running.Count == 0)
                {
                    // Every new job is done and none holds these records, unless one names no records at all.
                    if (fresh.Any(j => j.Results == null || j.Results.All(r => r.RecordId == null)))
                        throw new ZohoTransportException("A new invite job names no records, so whether it is this request's cannot be told.", null);
                    return null;
                }
                if (clock.UtcNow >= deadline)
                    throw new ZohoTransportException(running.Count + " new invite job(s) were still running after " + InviteRecoveryWait.TotalSeconds + " s, so whether one holds these records cannot be told yet.", null);
                TraceVerbose("Lost bulk-invite answer: " + running.Count + " new job(s) still running; checking again in " + pause.TotalSeconds + " s to learn whether one holds these " + batch.Count + " records.");
                await clock.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, InvitePollMaxInterval.Ticks));
            }
        }

        /// <summary>After a lost answer: the job found, a re-send when there surely is none, or outcome unknown per record.</summary>
        private async Task<PortalInviteSubmission> RecoverBulkInviteAsync(InviteRun run, string module, List<string> batch, string userTypeId,
            PortalInviteType type, string? language, ZohoOutcomeUnknownException lost, int round, CancellationToken cancellationToken)
        {
            TraceVerbose("The answer to POST " + InviteJobsPath(module) + " for " + batch.Count + " records was lost (" + lost.CauseCode + "); reading the job list before anything is sent again.");
            PortalInviteJob? job;
            await run.Recovery.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                job = await FindLostInviteJobAsync(run, module, batch, cancellationToken).ConfigureAwait(false);
                if (job == null && lost.TimedOut)
                {
                    // No answer in time: Zoho may still be creating the job. Give it that long again before believing "no job".
                    TraceVerbose("No job holds these records yet after a timeout; checking again in " + SettleTimeAfterTimeout.TotalSeconds + " s in case Zoho is still at work.");
                    await Options.Clock.Delay(SettleTimeAfterTimeout, cancellationToken).ConfigureAwait(false);
                    job = await FindLostInviteJobAsync(run, module, batch, cancellationToken).ConfigureAwait(false);
                }
                if (job != null) run.Claim(job.JobId);
            }
            catch (Exception e) when (e is ZohoApiException || e is ZohoTransportException)
            {
                TraceVerbose("Could not tell whether the lost bulk invite became a job (" + e.Message + "); its " + batch.Count + " records are reported with outcome unknown.");
                return Unknown(e);
            }
            finally
            {
                run.Recovery.Release();
            }

            if (job != null)
            {
                TraceVerbose("The lost bulk invite became job " + job.JobId + "; it is reported as that job (nothing sent again).");
                job.RecordIds = batch;
                job.UserTypeId = userTypeId;
                job.Type = type;
                job.SubmittedAt = Options.Clock.UtcNow;
                if (job.Results != null) job.Results = MatchInviteResults(job, job.Results);
                return new PortalInviteSubmission(batch, job, null);
            }
            if (round >= MaxResendsAfterLostAnswer)
                return Unknown(null);
            TraceVerbose("No job holds the " + batch.Count + " records of the lost bulk invite; sending it again.");
            return await SubmitBulkInviteAsync(run, module, batch, userTypeId, type, language, cancellationToken, round + 1).ConfigureAwait(false);

            PortalInviteSubmission Unknown(Exception? why)
            {
                var failures = batch.Select(id =>
                {
                    var failed = ToInviteResult(new ZohoActionResult
                    {
                        Code = ZohoOutcomeUnknownException.OutcomeUnknownCode,
                        Status = "error",
                        Message = lost.Message + (why == null ? string.Empty : " " + why.Message) + " Check with Get-PortalInviteJob or Get-PortalUser before inviting again.",
                    }, module, null, userTypeId, type);
                    failed.RecordId = id;
                    return failed;
                }).ToList();
                return new PortalInviteSubmission(batch, null, failures);
            }
        }
    }
}
