using System;
using System.Collections.Generic;
using System.Management.Automation;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Invitations
{
    /// <summary>
    /// <para type="synopsis">Waits until bulk-invite jobs have completed.</para>
    /// <para type="description">Wait-PortalInviteJob polls Zoho until every given job has completed or -Timeout seconds have passed, then outputs the jobs as they stand (completed ones with their per-record Results). A job just submitted is not done yet, so the first check comes after half a second; the pauses then double up to ten seconds. Each check asks once per module for the list of its jobs (GET /{module}/actions/portal_invite), and by job id only for a job that list does not show. It shows progress across all jobs while it waits. Ctrl+C stops it at once; the jobs keep running at Zoho.</para>
    /// <para type="description">Each record a completed job could not invite is also written as a non-terminating error whose ErrorId is Zoho's code (DUPLICATE_DATA, INVALID_DATA, CANNOT_PROCESS...). At the timeout, a single OperationTimeout error names the jobs still running; a job id Zoho does not know is an ObjectNotFound error.</para>
    /// <para type="description">Takes jobs from Send-PortalInvite or Get-PortalInviteJob, or job ids (with -Module), also from any piped object with JobId and Module properties, such as a PortalInviteResult.</para>
    /// </summary>
    /// <example>
    /// <code>$ids | Send-PortalInvite -UserType Customers -Force | Wait-PortalInviteJob</code>
    /// <para>Invites the records in bulk and waits (up to ten minutes) for the jobs to complete.</para>
    /// </example>
    /// <example>
    /// <code>Wait-PortalInviteJob -JobId 5020928000002387017 -Timeout 60 | ForEach-Object Results</code>
    /// <para>Waits up to a minute for one job of the Contacts module and lists its per-record results.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalInviteJob | Where-Object Status -ne 'completed' | Wait-PortalInviteJob -Timeout -1</code>
    /// <para>Waits without a time limit for every job of the Contacts module that is still running.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Wait, "PortalInviteJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(PortalInviteJob))]
    public sealed class WaitPortalInviteJobCmdlet : PortalInviteCmdletBase
    {
        private const string JobSet = "Job";
        private const string JobIdSet = "JobId";

        private readonly List<PortalInviteJob> _jobs = new List<PortalInviteJob>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        #region Parameters

        /// <summary><para type="description">The jobs to wait for, from Send-PortalInvite or Get-PortalInviteJob. They are updated in place.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = JobSet)]
        [ValidateNotNull]
        public PortalInviteJob[] Job { get; set; } = Array.Empty<PortalInviteJob>();

        /// <summary><para type="description">Ids of the jobs to wait for. Binds from a JobId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InviteJobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">With -JobId: the personality module of the jobs (default Contacts). Binds from a Module property of piped objects.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string Module { get; set; } = "Contacts";

        /// <summary><para type="description">Seconds to wait (default 600; 0 checks once; -1 waits without limit). At the timeout the jobs are output as they stand, with an error naming those still running.</para></summary>
        [Parameter]
        [Alias("TimeoutSec")]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = DefaultTimeoutSec;

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job)
                    if (job != null && _seen.Add(job.Module + "|" + job.JobId)) _jobs.Add(job);
                return;
            }

            var module = Module.Trim();
            foreach (var given in JobId)
            {
                var id = given.Trim();
                try
                {
                    InviteRules.ValidateModule(module);
                    ZohoIdRules.Validate(id, "InvalidJobId", "Job id", "JobId");
                }
                catch (ZohoValidationException e)
                {
                    WriteError(ErrorMapper.ToErrorRecord(e, given));
                    continue;
                }
                if (_seen.Add(module + "|" + id))
                    _jobs.Add(new PortalInviteJob { JobId = id, Module = module, Status = PortalInviteJob.ScheduledStatus });
            }
        }

        protected override void EndProcessingCore()
        {
            if (_jobs.Count == 0) return;
            var outcome = WaitForJobs(_jobs, Timeout);
            foreach (var job in outcome.Jobs)
            {
                ActiveConnection.Completion.RememberJob(job);
                WriteObject(job);
                if (!job.IsCompleted || job.Results == null) continue;
                foreach (var result in job.Results)
                    if (!result.IsSuccess) WriteRecordError(result);
            }
            ReportWaitErrors(outcome, Timeout);
        }

        #endregion
    }
}
