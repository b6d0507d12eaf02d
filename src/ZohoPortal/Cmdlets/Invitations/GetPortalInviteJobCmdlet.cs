using System;
using System.Management.Automation;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Invitations
{
    /// <summary>
    /// <para type="synopsis">Gets bulk-invite jobs and their per-record results.</para>
    /// <para type="description">Get-PortalInviteJob asks Zoho about bulk-invite jobs of a personality module (GET /{module}/actions/portal_invite). With -JobId it returns those jobs; without, every job Zoho remembers for the module. A job in progress has Status in_progress and no Results yet; a completed job has one PortalInviteResult per record (record id, Zoho's code, status and message). An unknown job id is a non-terminating ObjectNotFound error. Job status needs API v5 or later.</para>
    /// <para type="description">Job objects pipe into Wait-PortalInviteJob; they also pipe back into Get-PortalInviteJob to refresh them.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalInviteJob</code>
    /// <para>Lists every bulk-invite job of the Contacts module.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalInviteJob -JobId 5020928000002387017 | ForEach-Object Results</code>
    /// <para>Shows the per-record results of one job.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalInviteJob -Module Customer | Where-Object ErrorCount -gt 0</code>
    /// <para>Lists the jobs of the custom personality module Customer that have failed records.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "PortalInviteJob")]
    [OutputType(typeof(PortalInviteJob))]
    public sealed class GetPortalInviteJobCmdlet : PortalInviteCmdletBase
    {
        #region Parameters

        /// <summary><para type="description">Ids of the jobs to get. Without it, every job of the module is listed. Binds from a JobId property of piped objects.</para></summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InviteJobIdCompleter))]
        public string[]? JobId { get; set; }

        /// <summary><para type="description">The personality module the jobs belong to (default Contacts). Binds from a Module property of piped objects.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string Module { get; set; } = "Contacts";

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var client = Client;
            var module = Module.Trim();
            CurrentTarget = module;
            if (JobId == null)
            {
                foreach (var job in RunAsync(ct => client.GetInviteJobsAsync(module, ct)))
                {
                    ActiveConnection.Completion.RememberJob(job);
                    WriteObject(job);
                }
                return;
            }

            foreach (var given in JobId)
            {
                var id = given.Trim();
                CurrentTarget = given;
                try
                {
                    ZohoIdRules.Validate(id, "InvalidJobId", "Job id", "JobId");
                }
                catch (ZohoValidationException e)
                {
                    WriteError(ErrorMapper.ToErrorRecord(e, given));
                    continue;
                }
                var job = RunAsync(ct => client.GetInviteJobAsync(module, id, ct));
                if (job == null) WriteError(ErrorMapper.ToErrorRecord(JobNotFound(module, id), id));
                else
                {
                    ActiveConnection.Completion.RememberJob(job);
                    WriteObject(job);
                }
            }
        }

        #endregion
    }
}
