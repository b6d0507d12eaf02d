using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Membership
{
    /// <summary>
    /// <para type="synopsis">Makes the portal's membership match a list: invites the missing, moves the mis-typed, and leaves, deactivates or removes the rest.</para>
    /// <para type="description">Sync-PortalUser takes the desired membership from the pipeline: objects or CSV rows naming a person by RecordId (or PersonalityId) or Email, and a user type by UserType (an id or a name), UserTypeName or UserTypeId (or -UserType for rows naming none). It reads the portal's users once (the user types, then every type's users 200 per page), compares, and plans one step per person: Unchanged (listed, in that type), Invite (a record id that is no portal user; bulk, 100 records per request), Move (listed in another type; 200 users per transfer call), and for portal users the list does not name, -Absent Leave (the default), Disable (deactivate, one call per user; unconfirmed users cannot be deactivated in Zoho and are skipped with a warning) or Remove (499 users per call; unconfirmed users' invitations are withdrawn).</para>
    /// <para type="description">-PlanOnly writes the plan (PortalUserSyncStep objects) and sends nothing. Filter it like any objects and pipe what is left back into Sync-PortalUser, which then sends exactly those steps. Without -PlanOnly the plan is applied in this order: moves, invitations (waiting for their jobs, -Timeout), deactivations, removals, so a run stopped part way has taken no access away; every question is asked before the first request. The output is one PortalUserSyncResult per step, with its Outcome (Unchanged, Done, Failed, OutcomeUnknown, InProgress, Skipped, NotRun) and Zoho's code. A step Zoho refuses, or whose answer was lost and could not be read back, is also one non-terminating error whose ErrorId is Zoho's code (or OutcomeUnknown). Users invited but not yet confirmed are portal users, so running the same list again after an interruption invites nobody twice and plans only what is left.</para>
    /// <para type="description">Ctrl+C (or a downstream command ending the pipeline) stops the sync as it stops Move-PortalUser: no further operation or request is started, the calls in flight get the connection's StopGrace (default 20 seconds) to finish, a wait for invite jobs ends with one last check of them, and the command ends with one PortalUserOperationStopped error (OperationStopped) whose exception names every change left over: NotProcessed (never sent; Outcome NotRun), SentOutcomeUnknown (sent without an answer yet, or an invite job still running) and Unwritten (answered but not written). Run the same list again to finish: the new plan is read from the portal, so nothing is sent twice.</para>
    /// <para type="description">Rows are checked before any change is sent. A row naming an unknown user type (SyncUnknownUserType), no user type (SyncRowNoUserType), nobody (SyncRowNoIdentity), a malformed id (SyncInvalidRecordId), the same person as another row (SyncDuplicateRow, or SyncConflictingRows when the types differ), an email two users share (SyncAmbiguousEmail), a user type id and name that disagree (SyncUserTypeMismatch) or an unknown language (SyncInvalidLanguage) refuses the whole sync with one error per row and then a terminating SyncRefused error: leaving such a row out would make its person absent. A row whose email is no portal user cannot be invited (the API invites CRM records by id only): it is one SyncEmailNotPortalUser error and the rest of the list is applied.</para>
    /// <para type="description">Moves are confirmed like Move-PortalUser (Medium impact); invitations, deactivations and removals ask as high-impact changes unless -Force or -Confirm:$false is given. -WhatIf prints each operation with the requests it would send, and sends nothing.</para>
    /// </summary>
    /// <example>
    /// <code>Import-Csv members.csv | Sync-PortalUser -PlanOnly | Group-Object Action -NoElement</code>
    /// <para>Reads a CSV with Email (or RecordId) and UserType columns and counts what a sync would do, without changing anything.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv members.csv | Sync-PortalUser -Absent Disable -Force</code>
    /// <para>Makes the portal match the file: invites the listed records that are not portal users, moves users into the listed types and deactivates confirmed users the file does not list.</para>
    /// </example>
    /// <example>
    /// <code>$plan = Import-Csv members.csv | Sync-PortalUser -Absent Remove -PlanOnly
    /// $plan | Where-Object { $_.Action -ne 'Remove' -or $_.UserTypeName -eq 'Trial' } | Sync-PortalUser -Confirm:$false</code>
    /// <para>Plans first, keeps removals only for the Trial user type, and applies what is left of the plan.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv members.csv | Sync-PortalUser -Absent Disable -PlanOnly | Export-Clixml plan.xml
    /// Import-Clixml plan.xml | Sync-PortalUser -Force</code>
    /// <para>Saves the plan for review, then applies the reviewed plan later, exactly as saved (the portal is not read again).</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUser | Export-Csv members.csv; Import-Csv members.csv | Sync-PortalUser -WhatIf</code>
    /// <para>A file exported from the portal describes it exactly: the sync has nothing to do, and -WhatIf shows nothing would be sent.</para>
    /// </example>
    /// <example>
    /// <code>'ava@example.com', 'liam@example.com' | Sync-PortalUser -UserType Partners -PlanOnly</code>
    /// <para>Plain strings are emails or record ids; -UserType gives the type for rows that name none.</para>
    /// </example>
    [Cmdlet(VerbsData.Sync, "PortalUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PortalUserSyncResult), typeof(PortalUserSyncStep))]
    public sealed class SyncPortalUserCmdlet : ZohoPortalConnectedCmdlet
    {
        private const int ProgressId = 0x5E1C;
        private readonly List<object?> _rows = new List<object?>();
        private readonly List<PortalUserSyncStep> _steps = new List<PortalUserSyncStep>();

        #region Parameters

        /// <summary><para type="description">A person who should have portal access: an object or CSV row with a RecordId (or PersonalityId) or Email, and a UserType, UserTypeName or UserTypeId (and, optionally, Language); or a plain string (a record id or an email); or a PortalUserSyncStep from Sync-PortalUser -PlanOnly (also after Export-Clixml and Import-Clixml), to apply that plan.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary><para type="description">The user type of rows that name none: a name, an id or a user-type object.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity? UserType { get; set; }

        /// <summary><para type="description">What to do with portal users the list does not name: Leave (the default), Disable (deactivate confirmed users; unconfirmed ones are skipped with a warning, as Zoho refuses them) or Remove (delete them from the portal).</para></summary>
        [Parameter]
        public PortalUserAbsentAction Absent { get; set; } = PortalUserAbsentAction.Leave;

        /// <summary><para type="description">The language of invitations for rows without a Language column, such as de_DE. Default: Zoho's (en_US).</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(Invitations.InviteLanguageCompleter))]
        public string? Language { get; set; }

        /// <summary><para type="description">Writes the plan (one PortalUserSyncStep per person) and sends nothing.</para></summary>
        [Parameter]
        public SwitchParameter PlanOnly { get; set; }

        /// <summary><para type="description">The portal. Default: the org's portal.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public string? Portal { get; set; }

        /// <summary><para type="description">Seconds to wait for the bulk-invite jobs (default 600; -1 waits without limit). Records of jobs still running then come back with Outcome InProgress.</para></summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = 600;

        /// <summary><para type="description">Applies invitations, deactivations and removals without asking for confirmation.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var value = InputObject;
            var step = PlanStepReader.TryRead(value);
            if (step != null) _steps.Add(step);
            else _rows.Add(value);
        }

        protected override void EndProcessingCore()
        {
            if (_steps.Count > 0 && _rows.Count > 0)
                throw new ZohoPortalCmdletException("SyncMixedInput", ErrorCategory.InvalidArgument,
                    "The input mixes plan steps (from Sync-PortalUser -PlanOnly) with membership rows. Pipe either a plan or a list, not both.");
            var sync = new PortalMembershipSync(Client);
            IReadOnlyList<PortalUserSyncStep> steps;
            if (_steps.Count > 0)
            {
                // A plan given back is applied as it is; its steps are checked before anything is sent.
                steps = _steps;
                sync.Operations(steps);
            }
            else
            {
                var rows = _rows.Select((r, i) => MembershipRowReader.Read(r, i + 1, UserType, Language)).ToList();
                var plan = RunAsync(async ct =>
                {
                    var portal = await ResolvePortalAsync(Portal ?? RowPortal(), ct).ConfigureAwait(false);
                    return await sync.PlanAsync(portal, rows, Absent, ct).ConfigureAwait(false);
                });
                WriteVerbose("Plan for portal '" + plan.Portal + "' (" + plan.ReadRequests + " list requests): " + plan.Summary() + ".");
                foreach (var error in plan.RowErrors) WriteError(ErrorMapper.FromRowError(error));
                if (plan.IsRefused)
                {
                    var count = plan.RowErrors.Count(e => e.BlocksSync);
                    ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("SyncRefused", ErrorCategory.InvalidData,
                        count + (count == 1 ? " row" : " rows") + " of the membership cannot be planned for sure; nothing was sent.", null,
                        "Correct the rows named by the errors above (Get-Error, or $Error), then run the sync again. -PlanOnly shows the plan without sending anything."), null));
                }
                steps = plan.Steps;
            }

            WarnAboutSkips(steps);
            if (PlanOnly)
            {
                foreach (var step in steps) WriteObject(step);
                return;
            }
            Apply(sync, steps);
        }

        #endregion

        private void Apply(PortalMembershipSync sync, IReadOnlyList<PortalUserSyncStep> steps)
        {
            var whatIf = WhatIfRequested();
            var changes = steps.Count(s => s.IsChange);
            var showProgress = changes > 200;
            var done = 0;
            TimeSpan? timeout = Timeout < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout);
            if (timeout == null) timeout = System.Threading.Timeout.InfiniteTimeSpan;
            var sources = new Dictionary<int, object?>();
            for (var i = 0; i < _rows.Count; i++) sources[i + 1] = _rows[i];
            // From the first question on, a stop names every change left over (as Move- or Remove-PortalUser do).
            var ledger = new SyncLedger(steps);
            var grace = StoppableRun.GraceOf(ActiveConnection);

            try
            {
                RunAsync(ct => StoppableRun.RunAsync(ct, grace, (stop, abort) => sync.ApplyAsync(steps, op => OnPipelineAsync(() =>
                {
                    var yes = Confirm(op);
                    if (!yes) ledger.MarkDeclined(op.Steps);
                    return yes;
                }), result =>
                {
                    ledger.SetResult(result);
                    if (whatIf) return;
                    ErrorRecord? error = null;
                    // A step not run has no error of its own: the stop's summary names it.
                    if (result.Outcome != PortalUserSyncOutcome.NotRun && (!result.IsSuccess || (result.Outcome == PortalUserSyncOutcome.Skipped && result.Code != null)))
                    {
                        var target = result.Row != null && sources.TryGetValue(result.Row.Value, out var source) && source != null ? source : result;
                        var item = new ZohoActionResult { Code = result.Code ?? "FAILED", Status = "error", Message = result.Message ?? string.Empty, Details = result.Details };
                        error = ErrorMapper.FromItem(item, result.HttpStatus, target, What(result));
                    }
                    Post(() =>
                    {
                        WriteObject(result);
                        if (error != null) WriteError(error);
                        ledger.MarkReported(result.Step);
                    });
                    if (showProgress && result.Step != null && result.Step.IsChange)
                    {
                        var now = Interlocked.Increment(ref done);
                        EmitProgress(new ProgressRecord(ProgressId, "Syncing portal users", now + " of " + changes + " changes done") { PercentComplete = Math.Min(100, now * 100 / changes) });
                    }
                }, timeout, abort, stop, ledger.MarkSent)));
            }
            catch when (CancelToken.IsCancellationRequested || ledger.AnySent)
            {
                // Stopped (Ctrl+C, a stopped pipeline), or failed part way: name every change left over, then let it surface.
                // A failure before the first request (ConfirmationNotPossible, say) changed nothing and says so itself.
                ReportLeftOver(ledger);
                throw;
            }
            ReportLeftOver(ledger);
            if (showProgress)
            {
                try { WriteProgress(new ProgressRecord(ProgressId, "Syncing portal users", "Done") { RecordType = ProgressRecordType.Completed }); }
                catch (PipelineStoppedException) { }
            }
        }

        /// <summary>One PortalUserOperationStopped error naming the changes not run, those sent with their outcome unknown, and answers not written.</summary>
        private void ReportLeftOver(SyncLedger ledger)
        {
            var (notRun, sent, unwritten) = ledger.LeftOver();
            if (notRun.Count == 0 && sent.Count == 0 && unwritten.Count == 0) return;
            var exception = new PortalUserOperationStoppedException(MyInvocation.MyCommand.Name, ledger.Count, notRun, unwritten, sent);
            StoppableRun.WriteSummary(this, new ErrorRecord(exception, "PortalUserOperationStopped", ErrorCategory.OperationStopped,
                notRun.Concat(sent).Concat(unwritten.Select(r => r.GetDetail("personality_id") ?? string.Empty)).ToArray()));
        }

        /// <summary>True under -WhatIf or $WhatIfPreference: results of steps that send nothing are then not written either.</summary>
        private bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter sw) return sw.IsPresent;
            var preference = GetVariableValue("WhatIfPreference");
            return preference is SwitchParameter p ? p.IsPresent : preference is bool b && b;
        }

        /// <summary>One question per operation; the high-impact ones (invitations, deactivations, removals) ask unless forced.</summary>
        private bool Confirm(PortalUserSyncOperation operation)
        {
            if (!operation.IsHighImpact) return ShouldProcess(operation.Target, operation.Describe());
            return ShouldProcessUnlessForced(Force, operation.Target, operation.Describe())
                   && ConfirmAsHighImpact(Force, operation.Describe() + " on " + operation.Target + "?", "Confirm");
        }

        private void WarnAboutSkips(IReadOnlyList<PortalUserSyncStep> steps)
        {
            var skipped = steps.Count(s => s.Action == PortalUserSyncAction.Skip);
            if (skipped == 0) return;
            WriteWarning(skipped + (skipped == 1 ? " portal user the list does not name has" : " portal users the list does not name have")
                + " not accepted the invitation, and Zoho cannot deactivate unconfirmed users: they are left as they are (Action Skip). -Absent Remove withdraws their invitations.");
        }

        /// <summary>The portal the rows name (Get-PortalUser output and its CSV carry PortalName), when -Portal is not given.</summary>
        private string? RowPortal()
        {
            var names = _rows.Select(r => PipedIdentity.Read(r).PortalName).Where(n => n != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count > 1)
                throw new ZohoPortalCmdletException("SyncManyPortals", ErrorCategory.InvalidArgument,
                    "The rows name more than one portal (" + string.Join(", ", names) + "); a sync acts on one portal.", null, "Give -Portal, or split the list by its PortalName column.");
            return names.FirstOrDefault();
        }

        private static string What(PortalUserSyncResult result)
        {
            var who = (result.Email ?? result.PersonalityId) + (result.Row == null ? string.Empty : " (row " + result.Row + ")");
            switch (result.Action)
            {
                case PortalUserSyncAction.Move: return "Move of " + who + " to user type '" + result.UserTypeName + "'";
                case PortalUserSyncAction.Invite: return "Invitation of record " + who + (result.JobId == null ? string.Empty : " (job " + result.JobId + ")");
                case PortalUserSyncAction.Disable: return "Deactivation of " + who;
                case PortalUserSyncAction.Remove: return "Removal of " + who;
                default: return result.Action + " of " + who;
            }
        }
    }
}
