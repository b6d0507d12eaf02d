using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Invitations
{
    /// <summary>
    /// What Send-PortalInvite -Wait and Wait-PortalInviteJob share: waiting with progress, and
    /// reporting jobs that time out, jobs Zoho does not know, and records that failed.
    /// </summary>
    public abstract class PortalInviteCmdletBase : ZohoPortalConnectedCmdlet
    {
        /// <summary>Default -Timeout in seconds.</summary>
        protected const int DefaultTimeoutSec = 600;
        private const int WaitProgressId = 0x2F1E;

        /// <summary>
        /// Waits for <paramref name="jobs"/> (updated in place) with -Timeout seconds (-1: no limit).
        /// Progress shows while a pause lies ahead. The caller outputs what it has, then calls
        /// <see cref="ReportWaitErrors"/>, so the jobs as they stand are out before any timeout error.
        /// </summary>
        protected InviteWaitOutcome WaitForJobs(IReadOnlyList<PortalInviteJob> jobs, int timeoutSec)
        {
            var client = Client;
            TimeSpan? timeout = timeoutSec < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(timeoutSec);
            var progressShown = false;
            var outcome = RunAsync(ct => client.WaitForInviteJobsAsync(jobs, timeout, p =>
            {
                if (p.NextCheckIn == null) return;
                progressShown = true;
                EmitProgress(WaitProgress(p));
            }, ct));
            if (progressShown)
                WriteProgress(new ProgressRecord(WaitProgressId, WaitActivity, "Done") { RecordType = ProgressRecordType.Completed });

            return outcome;
        }

        /// <summary>Writes the errors of a wait: one per job Zoho does not know, and one naming every job still running at the timeout.</summary>
        protected void ReportWaitErrors(InviteWaitOutcome outcome, int timeoutSec)
        {
            foreach (var job in outcome.NotFound) WriteError(ErrorMapper.ToErrorRecord(JobNotFound(job.Module, job.JobId), job.JobId));
            if (outcome.TimedOut)
            {
                var ids = string.Join(", ", outcome.Pending.Select(j => j.JobId));
                var modules = string.Join(",", outcome.Pending.Select(j => j.Module).Distinct(StringComparer.OrdinalIgnoreCase));
                WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("InviteJobTimeout", ErrorCategory.OperationTimeout,
                    "Timed out after " + timeoutSec + " s waiting for bulk-invite jobs: " + outcome.Pending.Count + " of " + outcome.Jobs.Count
                    + " still in progress (" + ids + "). Zoho keeps processing them; nothing was cancelled.",
                    null,
                    "Wait longer with Get-PortalInviteJob -Module " + modules + " -JobId " + ids + " | Wait-PortalInviteJob -Timeout <seconds> (-1 waits without limit)."),
                    outcome.Pending.ToArray()));
            }
        }

        /// <summary>Writes one non-terminating error for a failed record (ErrorId = Zoho's code, TargetObject = the record id).</summary>
        protected void WriteRecordError(PortalInviteResult result)
        {
            var item = new ZohoActionResult { Code = result.Code, Status = result.Status, Message = result.Message, Details = result.Details };
            var what = "Invitation of " + (result.Module ?? "CRM") + " record " + (result.RecordId ?? "(not named by Zoho)")
                + (result.JobId == null ? string.Empty : " (job " + result.JobId + ")");
            WriteError(ErrorMapper.FromItem(item, 0, (object?)result.RecordId ?? result, what));
        }

        /// <summary>The error for a job id Zoho does not know (zoho-api.md "Invitations": 204).</summary>
        internal static ZohoPortalCmdletException JobNotFound(string module, string jobId) =>
            new ZohoPortalCmdletException("InviteJobNotFound", ErrorCategory.ObjectNotFound,
                "Zoho knows no bulk-invite job " + jobId + " in module " + module + ".", jobId,
                "Jobs are looked up per personality module: check -Module, or list the module's jobs with Get-PortalInviteJob -Module " + module + ".");

        /// <summary>A stand-in result for each record of a job that had not completed when the wait ended.</summary>
        protected static IEnumerable<PortalInviteResult> UnfinishedResults(PortalInviteJob job, string code, string status, string message) =>
            (job.RecordIds ?? new List<string>()).Select(id => new PortalInviteResult
            {
                RecordId = id,
                Module = job.Module,
                Code = code,
                Status = status,
                Message = message,
                JobId = job.JobId,
                UserTypeId = job.UserTypeId,
                Type = job.Type,
            });

        private const string WaitActivity = "Waiting for bulk-invite jobs";

        private static ProgressRecord WaitProgress(InviteWaitProgress p)
        {
            var text = p.CompletedJobs + " of " + p.TotalJobs + " jobs complete";
            if (p.TotalRecords > 0) text += " (" + p.CompletedRecords + " of " + p.TotalRecords + " records)";
            text += "; next check in " + Seconds(p.NextCheckIn!.Value);
            var record = new ProgressRecord(WaitProgressId, WaitActivity, text)
            {
                PercentComplete = p.TotalJobs == 0 ? 100 : p.CompletedJobs * 100 / p.TotalJobs,
            };
            if (p.TimeLeft.HasValue) record.SecondsRemaining = (int)Math.Ceiling(p.TimeLeft.Value.TotalSeconds);
            return record;
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }
}
