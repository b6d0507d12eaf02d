using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Invitations
{
    /// <summary>
    /// <para type="synopsis">Invites CRM records (contacts, by default) to the client portal, one at a time or in bulk.</para>
    /// <para type="description">Send-PortalInvite sends portal invitations to records of a personality module. Each invited record becomes an unconfirmed, active portal user of the given user type. -Reinvite sends the invitation again to records that are already portal users.</para>
    /// <para type="description">Output: one PortalInviteResult per record, however the records are given (the default parameter set, Results), or with -AsJob the bulk-invite jobs (PortalInviteJob objects, the AsJob parameter set) as soon as Zoho accepts them, to follow with Wait-PortalInviteJob. One record is sent with Zoho's single-invite call (answered at once); several are collected and sent as bulk invitations in requests of at most 100 records, each a Zoho background job, which the cmdlet waits for (-Timeout) before writing the results. Bulk invitations, and -AsJob, need API v5 or later.</para>
    /// <para type="description">Records refused by Zoho (no email: INVALID_DATA; email already used by a portal user: DUPLICATE_DATA; already invited: CANNOT_PROCESS) come back as results with Zoho's code and status "error", and each is also written as a non-terminating error whose ErrorId is that code. Records are taken by id, or from any object with an Id, RecordId or PersonalityId property (and a Module property, if it has one).</para>
    /// <para type="description">Invitations email your customers, so the cmdlet asks for confirmation (once per user type and module) unless -Force is given. -WhatIf shows what would be sent.</para>
    /// </summary>
    /// <example>
    /// <code>Send-PortalInvite -RecordId 1306462000000659009 -UserType Customers -Force</code>
    /// <para>Invites one contact as a Customers portal user and shows Zoho's answer.</para>
    /// </example>
    /// <example>
    /// <code>(Get-ZohoPortalConnection).Emulator.Org.GetRecords('Contacts') | Send-PortalInvite -UserType Customers -Wait -Force -ErrorAction SilentlyContinue | Where-Object Status -eq 'error'</code>
    /// <para>In an emulated org, invites every contact in bulk (requests of 100), waits for the jobs and lists the records that could not be invited, with Zoho's codes.</para>
    /// </example>
    /// <example>
    /// <code>$jobs = $ids | Send-PortalInvite -UserType Partners -Language de_DE -Force -AsJob
    /// $jobs | Wait-PortalInviteJob -Timeout 300</code>
    /// <para>Starts bulk invitations in German and returns the jobs at once, then waits up to five minutes for them.</para>
    /// </example>
    /// <example>
    /// <code>Send-PortalInvite -RecordId 1306462000000659009 -UserType Customers -Reinvite -WhatIf</code>
    /// <para>Shows the re-invitation that would be sent, without sending it.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Send, "PortalInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ResultsSet)]
    [OutputType(typeof(PortalInviteResult), ParameterSetName = new[] { ResultsSet })]
    [OutputType(typeof(PortalInviteJob), ParameterSetName = new[] { AsJobSet })]
    public sealed class SendPortalInviteCmdlet : PortalInviteCmdletBase
    {
        private const string ResultsSet = "Results";
        private const string AsJobSet = "AsJob";

        private readonly List<PendingRecord> _pending = new List<PendingRecord>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        #region Parameters

        /// <summary><para type="description">The ids of the records to invite (portal users' personality ids). Binds from the pipeline, by value or from an Id, RecordId or PersonalityId property.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "PersonalityId")]
        [ValidateNotNullOrEmpty]
        public string[] RecordId { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">The user type the records become: a name, an id, or a user-type object (from Get-PortalUserType).</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("UserTypeId")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity? UserType { get; set; }

        /// <summary><para type="description">The personality module of the records (an API name such as Contacts). Default: the user type's personality module. Binds from a Module property of piped objects.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModuleNameCompleter))]
        public string? Module { get; set; }

        /// <summary><para type="description">The portal whose user type is meant. Default: the org's portal.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortalName")]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public string? Portal { get; set; }

        /// <summary><para type="description">Sends the invitation again to records that are already portal users (Zoho's type reinvite). Without it, inviting a portal user again fails with CANNOT_PROCESS.</para></summary>
        [Parameter]
        public SwitchParameter Reinvite { get; set; }

        /// <summary><para type="description">Language of the invitation email, such as en_US (Zoho's default), de_DE or ja_JP. Tab completion lists the 28 languages Zoho offers.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(InviteLanguageCompleter))]
        public string? Language { get; set; }

        /// <summary><para type="description">Waits for bulk-invite jobs and returns one PortalInviteResult per record. This is what the cmdlet does without -AsJob; the switch stays so that scripts which name it keep working.</para></summary>
        [Parameter(ParameterSetName = ResultsSet)]
        public SwitchParameter Wait { get; set; }

        /// <summary><para type="description">Returns the bulk-invite jobs (PortalInviteJob) as soon as Zoho accepts them instead of waiting for one result per record; even one record is then sent as a bulk invitation, so the output is always jobs. Follow them with Wait-PortalInviteJob or Get-PortalInviteJob.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = AsJobSet)]
        public SwitchParameter AsJob { get; set; }

        /// <summary><para type="description">Without -AsJob: seconds to wait for the jobs (default 600; -1 waits without limit). Records of jobs still running then come back with status in_progress, and a timeout error names the jobs.</para></summary>
        [Parameter(ParameterSetName = ResultsSet)]
        [Alias("TimeoutSec")]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = DefaultTimeoutSec;

        /// <summary><para type="description">Sends without asking for confirmation.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            foreach (var given in RecordId)
            {
                var id = given?.Trim() ?? string.Empty;
                CurrentTarget = given;
                try
                {
                    InviteRules.ValidateRecordId(id);
                }
                catch (ZohoValidationException e)
                {
                    WriteError(ErrorMapper.ToErrorRecord(e, given));
                    continue;
                }
                // A piped user type binds its Id to -RecordId (alias Id) and its UserTypeId to -UserType:
                // the same id twice means no record was named, and inviting the user type's id would be nonsense.
                if (MyInvocation.ExpectingInput && UserType?.Id != null && string.Equals(UserType.Id, id, StringComparison.Ordinal))
                {
                    ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ZohoValidationException("RecordIdMissing",
                        "A user type was piped without -RecordId: name the records to invite, e.g. Get-PortalUserType " + UserType
                        + " | Send-PortalInvite -RecordId <id>. Nothing was sent.", "RecordId"), given));
                }
                if (!_seen.Add(id))
                {
                    WriteVerbose("Record " + id + " was given more than once; it is invited once.");
                    continue;
                }
                _pending.Add(new PendingRecord(id, Module, UserType!, Portal));
            }
        }

        protected override void EndProcessingCore()
        {
            if (_pending.Count == 0) return;
            var language = InviteRules.NormalizeLanguage(Language);
            // The output type is fixed by the parameter set (results, or jobs with -AsJob), so the call can be chosen by count: one record is one synchronous single invite.
            var single = !AsJob && _pending.Count == 1;
            var connection = ActiveConnection;
            if (!single) InviteRules.RequireBulkVersion(connection.ApiVersion, "Inviting several records (bulk invitation)");

            var resolver = new UserTypeResolver(connection);
            var resolution = RunAsync(ct => ResolveGroupsAsync(resolver, ct));
            foreach (var failure in resolution.Failures) WriteError(failure);

            var type = Reinvite ? PortalInviteType.Reinvite : PortalInviteType.Invite;
            var jobs = new List<PortalInviteJob>();
            foreach (var group in resolution.Groups)
            {
                if (single) InviteOne(group, type, language);
                else jobs.AddRange(InviteInBulk(group, type, language));
            }
            if (!AsJob && jobs.Count > 0) WaitAndReport(jobs);
        }

        #endregion

        private void InviteOne(InviteGroup group, PortalInviteType type, string? language)
        {
            var id = group.RecordIds[0];
            CurrentTarget = id;
            var client = Client;
            var plan = client.PlanInvite(group.Module, group.RecordIds, group.UserType.Id, type, language, bulk: false);
            if (!ShouldProcessUnlessForced(Force, group.Module + " record " + id + " in portal '" + group.Portal + "' as user type " + Describe(group.UserType),
                Verb(type) + " (" + plan.Describe() + ")")) return;

            Exception? failure = null;
            var result = RunAsync(async ct =>
            {
                try
                {
                    return await client.InviteRecordAsync(plan, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ZohoApiException || e is ZohoTransportException)
                {
                    failure = e;
                    var api = e as ZohoApiException;
                    return new PortalInviteResult
                    {
                        RecordId = id,
                        Module = group.Module,
                        Code = api?.Code ?? "TRANSPORT_ERROR",
                        Status = "error",
                        Message = api?.ZohoMessage ?? e.Message,
                        UserTypeId = group.UserType.Id,
                        Type = type,
                        Details = api?.Details.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, string?>(),
                    };
                }
            });
            WriteObject(result);
            if (failure != null) WriteError(ErrorMapper.ToErrorRecord(failure, id));
        }

        private List<PortalInviteJob> InviteInBulk(InviteGroup group, PortalInviteType type, string? language)
        {
            var ids = group.RecordIds;
            CurrentTarget = group.Module;
            var client = Client;
            var plan = client.PlanInvite(group.Module, ids, group.UserType.Id, type, language, bulk: true);
            var requests = plan.Calls;
            if (!ShouldProcessUnlessForced(Force, ids.Count + " " + group.Module + " records in portal '" + group.Portal + "' as user type " + Describe(group.UserType),
                Verb(type) + " in bulk (" + plan.Describe() + ")")) return new List<PortalInviteJob>();

            var wait = !AsJob.IsPresent;
            var completion = ActiveConnection.Completion;
            var showProgress = requests > 2;
            const int progressId = 0x2F1D;
            var sent = 0;
            var submissions = RunAsync(ct => client.StartBulkInviteAsync(plan, s =>
            {
                sent++;
                if (showProgress)
                {
                    EmitProgress(new ProgressRecord(progressId, "Sending bulk invitations", sent + " of " + requests + " requests sent")
                    {
                        PercentComplete = sent * 100 / requests,
                    });
                }
                if (s.Job != null)
                {
                    EmitVerbose("Bulk-invite job " + s.Job.JobId + " scheduled for " + s.RecordIds.Count + " " + group.Module + " records.");
                    completion.RememberJob(s.Job);
                    if (!wait) EmitObject(s.Job);
                    return;
                }
                foreach (var failed in s.Failures!)
                {
                    if (wait) EmitObject(failed);
                    Post(() => WriteRecordError(failed));
                }
            }, ct));
            if (showProgress) WriteProgress(new ProgressRecord(progressId, "Sending bulk invitations", "Done") { RecordType = ProgressRecordType.Completed });
            return submissions.Where(s => s.Job != null).Select(s => s.Job!).ToList();
        }

        private void WaitAndReport(List<PortalInviteJob> jobs)
        {
            var outcome = WaitForJobs(jobs, Timeout);
            var notFound = new HashSet<PortalInviteJob>(outcome.NotFound);
            foreach (var job in jobs)
            {
                if (notFound.Contains(job))
                {
                    foreach (var r in UnfinishedResults(job, "JOB_NOT_FOUND", "error", "Zoho no longer knows job " + job.JobId + "; whether this record was invited is unknown."))
                        WriteObject(r);
                    continue;
                }
                if (!job.IsCompleted)
                {
                    foreach (var r in UnfinishedResults(job, PortalInviteResult.InProgressCode, PortalInviteResult.InProgressStatus,
                        "Job " + job.JobId + " was still in progress when the wait ended; follow it with Get-PortalInviteJob -Module " + job.Module + " -JobId " + job.JobId + " | Wait-PortalInviteJob."))
                        WriteObject(r);
                    continue;
                }
                foreach (var result in job.Results ?? new List<PortalInviteResult>())
                {
                    WriteObject(result);
                    if (!result.IsSuccess) WriteRecordError(result);
                }
            }
            ReportWaitErrors(outcome, Timeout);
        }

        /// <summary>
        /// Resolves each distinct portal, user type and module once, and groups the records by
        /// where they go. A group that cannot be resolved is one error naming how many records it held.
        /// </summary>
        private async Task<Resolution> ResolveGroupsAsync(UserTypeResolver resolver, CancellationToken cancellationToken)
        {
            var resolution = new Resolution();
            var byInput = new Dictionary<string, InviteGroup?>(StringComparer.Ordinal);
            var byTarget = new Dictionary<string, InviteGroup>(StringComparer.OrdinalIgnoreCase);
            var failedCounts = new Dictionary<string, (Exception Error, int Count, object? Target)>(StringComparer.Ordinal);
            foreach (var record in _pending)
            {
                var inputKey = (record.Portal ?? string.Empty) + "|" + (record.UserType.Id ?? "name:" + record.UserType.Name?.ToLowerInvariant()) + "|" + (record.Module ?? string.Empty);
                if (!byInput.TryGetValue(inputKey, out var group))
                {
                    try
                    {
                        var portal = await ResolvePortalAsync(record.Portal, cancellationToken).ConfigureAwait(false);
                        var userType = await resolver.ResolveAsync(record.UserType, portal, cancellationToken).ConfigureAwait(false);
                        var module = ModuleFor(record.Module, userType);
                        var targetKey = portal + "|" + userType.Id + "|" + module;
                        if (!byTarget.TryGetValue(targetKey, out group))
                        {
                            group = new InviteGroup(portal, userType, module);
                            byTarget[targetKey] = group;
                            resolution.Groups.Add(group);
                        }
                    }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        group = null;
                        failedCounts[inputKey] = (e, 0, record.UserType.ToString());
                    }
                    byInput[inputKey] = group;
                }
                if (group != null) group.RecordIds.Add(record.RecordId);
                else failedCounts[inputKey] = (failedCounts[inputKey].Error, failedCounts[inputKey].Count + 1, failedCounts[inputKey].Target);
            }
            foreach (var failed in failedCounts.Values)
            {
                var error = ErrorMapper.ToErrorRecord(failed.Error, failed.Target);
                var message = (error.ErrorDetails?.Message ?? failed.Error.Message) + " " + failed.Count + (failed.Count == 1 ? " record was" : " records were") + " not invited.";
                var recommended = error.ErrorDetails?.RecommendedAction;
                error.ErrorDetails = new ErrorDetails(message);
                if (recommended != null) error.ErrorDetails.RecommendedAction = recommended;
                resolution.Failures.Add(error);
            }
            return resolution;
        }

        /// <summary>The module to invite in: -Module when given (it must be the user type's personality module), else the user type's.</summary>
        private static string ModuleFor(string? requested, PortalUserType userType)
        {
            var personality = userType.PersonalityModule;
            if (string.IsNullOrEmpty(requested)) return string.IsNullOrEmpty(personality) ? "Contacts" : personality!;
            InviteRules.ValidateModule(requested);
            if (!string.IsNullOrEmpty(personality) && !string.Equals(personality, requested, StringComparison.OrdinalIgnoreCase))
                throw new ZohoValidationException("ModuleMismatch",
                    "User type '" + userType.Name + "' is for " + personality + " records, but the records were given as " + requested
                    + " records. Choose a user type whose personality module is " + requested + ", or correct -Module.", "Module");
            return personality ?? requested!;
        }

        private static string Describe(PortalUserType userType) => "'" + userType.Name + "' (" + userType.Id + ")";

        private static string Verb(PortalInviteType type) => type == PortalInviteType.Reinvite ? "Re-invite" : "Invite";

        private sealed class PendingRecord
        {
            public PendingRecord(string recordId, string? module, UserTypeIdentity userType, string? portal)
            {
                RecordId = recordId;
                Module = string.IsNullOrWhiteSpace(module) ? null : module!.Trim();
                UserType = userType;
                Portal = string.IsNullOrWhiteSpace(portal) ? null : portal;
            }

            public string RecordId { get; }
            public string? Module { get; }
            public UserTypeIdentity UserType { get; }
            public string? Portal { get; }
        }

        private sealed class InviteGroup
        {
            public InviteGroup(string portal, PortalUserType userType, string module)
            {
                Portal = portal;
                UserType = userType;
                Module = module;
            }

            public string Portal { get; }
            public PortalUserType UserType { get; }
            public string Module { get; }
            public List<string> RecordIds { get; } = new List<string>();
        }

        private sealed class Resolution
        {
            public List<InviteGroup> Groups { get; } = new List<InviteGroup>();
            public List<ErrorRecord> Failures { get; } = new List<ErrorRecord>();
        }
    }
}
