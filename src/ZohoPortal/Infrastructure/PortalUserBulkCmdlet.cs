using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Shared machinery of Move-, Enable-, Disable- and Remove-PortalUser. Users arrive one at a
    /// time (objects from Get-PortalUser, or ids plus -UserType); they are collected, because
    /// changing users while an upstream Get-PortalUser still pages through them would shift its
    /// pages, then grouped by portal and source user type, confirmed once per group, and sent in
    /// EndProcessing. Every user ends with exactly one output (-PassThru) or error, or silently
    /// done; when the command is stopped, the users left over are named in one summary error.
    /// </summary>
    public abstract class PortalUserBulkCmdlet : ZohoPortalConnectedCmdlet
    {
        protected const string InputObjectSet = "InputObject";
        protected const string IdSet = "Id";
        protected const string EmailSet = "Email";

        private readonly List<UserItem> _items = new List<UserItem>();
        private readonly HashSet<string> _jobsWarned = new HashSet<string>(StringComparer.Ordinal);
        private UserTypeResolver? _resolver;
        private Ledger? _ledger;
        private ProgressState? _progress;

        #region Parameters

        /// <summary><para type="description">The users, from the pipeline: objects from Get-PortalUser, CSV rows (Import-Csv) or any object with a PersonalityId or Email property, invite results (RecordId), or ids and email addresses as text. The UserTypeId (or UserTypeName) and PortalName of each object say where the user is; a user without them is looked up (see -UserType). Empty or unparsable optional columns are ignored. Given by name, -InputObject takes one object or a list of them (every user of the list is done, as when piped); an empty list is refused.</para></summary>
        /// <remarks>
        /// One object, not PSObject[]: binding each piped object into an array parameter costs
        /// PowerShell a one-element array per object (about a quarter of the command's own time for
        /// 10,000 piped users). A list given by name is unrolled here, by PowerShell's own rules.
        /// </remarks>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary><para type="description">Ids (personality ids) of the users. With -UserType they are taken to be in that user type; without it each id is looked up (one personality_ids listing per user type per 100 ids).</para></summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet)]
        [Alias("PersonalityId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">Email addresses of the users (exact, case-insensitive). Each is looked up by reading the users of -UserType, or of every user type (Zoho has no email filter); an unknown email is one ObjectNotFound error and an email shared by several users is refused with the candidates listed.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = EmailSet)]
        public string[] Email { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">The user type the users are in now: its id, its name, or the object from Get-PortalUserType. Ids given with it are sent without a lookup; emails are looked up in it only. Objects that carry UserTypeId or UserTypeName use their own.</para></summary>
        [Parameter]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity? UserType { get; set; }

        /// <summary><para type="description">The portal of the users given by -Id or -Email, or of objects without a PortalName. Default: the org's portal.</para></summary>
        [Parameter]
        [Alias("PortalName")]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public string? Portal { get; set; }

        /// <summary><para type="description">Writes each user that was changed, as it is now. Without it the command writes nothing on success.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        /// <summary>The verb phrase for errors and progress, e.g. "Moving".</summary>
        protected abstract string Activity { get; }

        /// <summary>More users than this show a progress bar.</summary>
        protected abstract int ProgressThreshold { get; }

        /// <summary>The question for one group; false skips the group (-WhatIf, or the user said no).</summary>
        protected abstract bool ConfirmGroup(UserGroup group, string target);

        /// <summary>Resolves what the operation needs (a destination, say) before anything is confirmed or sent.</summary>
        protected virtual Task PrepareAsync(IReadOnlyList<UserGroup> groups, CancellationToken cancellationToken) => Task.FromResult(true);

        /// <summary>Does the work for the confirmed groups, calling <see cref="Report"/> once per user.</summary>
        protected abstract Task ExecuteAsync(IReadOnlyList<UserGroup> groups, BulkRun run);

        /// <summary>What -PassThru writes for a user the operation succeeded on.</summary>
        protected abstract PortalUser PassThruFor(UserItem item, ZohoActionResult result);

        /// <summary>The resolver of this invocation (user types listed at most once).</summary>
        private protected UserTypeResolver Resolver => _resolver ?? (_resolver = new UserTypeResolver(ActiveConnection));

        #region Overrides

        protected override void ProcessRecordCore()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id ?? Array.Empty<string>())
                    {
                        CurrentTarget = id;
                        if (!ZohoIdRules.IsId(id))
                        {
                            WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InvalidPersonalityId",
                                "Portal user id '" + id + "' is not a Zoho id (ids are numbers such as 1306462000000659009).", "Id"), id));
                            continue;
                        }
                        _items.Add(new UserItem(id!, null, id, null, Portal, null, null, UserType, null));
                    }
                    return;
                case EmailSet:
                    foreach (var email in Email ?? Array.Empty<string>())
                    {
                        CurrentTarget = email;
                        if (!PipedIdentity.LooksLikeEmail(email?.Trim()))
                        {
                            WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InvalidEmail",
                                "'" + email + "' is not an email address.", "Email"), email));
                            continue;
                        }
                        _items.Add(new UserItem(null, email!.Trim(), email, null, Portal, null, null, UserType, null));
                    }
                    return;
            }

            var given = InputObject;
            if (given == null) return;
            // A list given by name (-InputObject $users) or piped unenumerated: each of its objects, as when piped one by one.
            var list = given.BaseObject is string ? null : LanguagePrimitives.GetEnumerable(given.BaseObject);
            if (list == null)
            {
                Take(given);
                return;
            }
            var any = false;
            foreach (var element in list)
            {
                any = true;
                if (element != null) Take(element as PSObject ?? PSObject.AsPSObject(element));
            }
            if (!any)
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ZohoValidationException("PortalUserInputEmpty",
                    "-InputObject is an empty list: it names no portal user. Nothing was sent.", "InputObject"), given));
        }

        /// <summary>Reads one piped object as a user to process (or one error about it).</summary>
        private void Take(PSObject input)
        {
            CurrentTarget = input;
            var piped = PipedIdentity.Read(input);
            var target = (object?)piped.User ?? input;
            if (piped.Text != null && !piped.TryReadTextAsUser())
            {
                WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InvalidPortalUserIdentity",
                    "'" + piped.Text + "' is neither a portal user id (a number such as 1306462000000659009) nor an email address.", "InputObject"), input));
                return;
            }
            if (!piped.NamesUser)
            {
                // A file without the key column is wrong as a whole: stop before anything is sent, naming the column.
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ZohoValidationException("PortalUserKeyMissing",
                    "The input names no portal user: it needs a PersonalityId or an Email property (CSV column)"
                    + (piped.UserType != null ? "; a user type was piped (pipe Get-PortalUserType | Get-PortalUser to name its users)."
                        : piped.PropertyNames.Count == 0 ? "." : "; it has " + string.Join(", ", piped.PropertyNames) + ".")
                    + " Nothing was sent. Export users with Get-PortalUser | Export-Csv, or give -Id or -Email.", "InputObject"), target));
            }
            if (piped.PersonalityId != null && !ZohoIdRules.IsId(piped.PersonalityId))
            {
                WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InvalidPersonalityId",
                    "Portal user '" + (piped.User?.ToString() ?? piped.Email ?? piped.PersonalityId) + "' has no valid id (PersonalityId '" + piped.PersonalityId + "').", "InputObject"), target));
                return;
            }

            // Where the user is: its own user type (id, else name), else -UserType, else looked up.
            var typeId = ZohoIdRules.IsId(piped.UserTypeId) ? piped.UserTypeId : null;
            UserTypeIdentity? typeIdentity = null;
            if (typeId == null && piped.UserTypeName != null) typeIdentity = new UserTypeIdentity(piped.UserTypeName);
            else if (typeId == null) typeIdentity = UserType;
            var user = piped.NamesUser && (piped.User != null || !(input.BaseObject is string)) ? piped.ToUser() : null;
            _items.Add(new UserItem(piped.PersonalityId, piped.PersonalityId == null ? piped.Email : null, target, user,
                piped.PortalName ?? Portal, typeId, typeId != null ? piped.UserTypeName : null, typeIdentity, piped.ClaimedActive()));
        }

        protected override void EndProcessingCore()
        {
            if (_items.Count == 0) return;
            // The ledger exists from the start, so a stop in any phase (lookups, confirmation, sending) names every user.
            _ledger = new Ledger(_items);
            List<UserGroup> confirmed;
            try
            {
                var groups = RunAsync(BuildGroupsAsync);
                if (groups.Count == 0) return;
                RunAsync(ct => PrepareAsync(groups, ct));
                confirmed = new List<UserGroup>();
                foreach (var group in groups)
                {
                    if (ConfirmGroup(group, DescribeGroup(group))) confirmed.Add(group);
                    else foreach (var item in group.Items) _ledger.MarkReported(item); // declined: nothing to report
                }
            }
            catch when (CancelToken.IsCancellationRequested)
            {
                ReportLeftOver();
                throw;
            }
            if (confirmed.Count == 0) return;

            var items = confirmed.SelectMany(g => g.Items).ToList();
            var grace = StoppableRun.GraceOf(ActiveConnection);
            if (items.Count > ProgressThreshold) _progress = new ProgressState(Activity + " " + items.Count + " portal users", items.Count);
            try
            {
                RunAsync(ct => StoppableRun.RunAsync(ct, grace, (stop, abort) => ExecuteAsync(confirmed, new BulkRun(stop, abort, MarkSent))));
            }
            catch
            {
                // Stopped (Ctrl+C, a stopped pipeline) or failed: name every user left over, then let it surface.
                ReportLeftOver();
                throw;
            }
            ReportLeftOver();
            CompleteProgress();
        }

        #endregion

        /// <summary>Reports one user's result: output (-PassThru) or a non-terminating error. Safe from any thread.</summary>
        protected void Report(UserItem item, ZohoActionResult result)
        {
            var ledger = _ledger!;
            AdvanceProgress();
            if (result.IsSuccess)
            {
                // The common case (success, no -PassThru, Verbose off, no job) posts nothing to the pipeline thread and takes one lock.
                if (!PassThru && !VerboseEnabled && result.Code != "SCHEDULED")
                {
                    ledger.SetReported(item, result);
                    return;
                }
                ledger.SetResult(item, result);
                if (VerboseEnabled && result.GetDetail("verified_after_lost_answer") == "true")
                    EmitVerbose("Portal user " + item.Describe() + ": " + result.Message + ".");
                if (VerboseEnabled && result.GetDetail("already_in_state") == "true")
                    EmitVerbose("Portal user " + item.Describe() + " is " + (ZohoPortal.Core.ZohoPortalClient.IsAlreadyInState(result.Code, true) ? "active" : "inactive")
                        + " already (Zoho answered " + result.Code + ": " + result.Message + "); counted as done.");
                if (result.Code == "SCHEDULED")
                {
                    var job = result.GetDetail("job_id") ?? string.Empty;
                    bool first;
                    lock (_jobsWarned) first = _jobsWarned.Add(job);
                    if (first) EmitWarning("Zoho scheduled part of this change as job " + job + " instead of answering for each user; those users' results are not confirmed yet.");
                }
                if (!PassThru)
                {
                    ledger.MarkReported(item);
                    return;
                }
                var output = PassThruFor(item, result);
                Post(() => { WriteObject(output); ledger.MarkReported(item); });
                return;
            }
            ledger.SetResult(item, result);
            // Zoho saying the user type (or portal) is unknown means the cached listing is out of date: the next command reads it again.
            ActiveConnection.Client.Metadata.NoteNotFound(item.Group.Portal, result.Code, result.Message);
            var record = ErrorMapper.FromItem(result, result.HttpStatus, item.Target, Activity + " portal user " + item.Describe());
            Post(() => { WriteError(record); ledger.MarkReported(item); });
        }

        /// <summary>
        /// Sends the plans as one run (ZohoPortalClient.RunUserPlansAsync: their calls share the
        /// connection's concurrency window), where each plan's items are the ids of its users in
        /// order: every user is marked sent just before its call leaves and reported in input order.
        /// </summary>
        internal async Task RunPlansAsync(IReadOnlyList<(RequestPlan Plan, IReadOnlyList<UserItem> Items)> work, BulkRun run)
        {
            if (work.Count == 0) return;
            await Client.RunUserPlansAsync(work.Select(w => w.Plan).ToList(), (plan, batch) =>
            {
                var items = work[plan].Items;
                for (var i = 0; i < batch.Results.Count; i++) Report(items[batch.Offset + i], batch.Results[i]);
            }, run.Abort, run.Stop, (plan, offset, count) => _ledger?.MarkSent(work[plan].Items, offset, count)).ConfigureAwait(false);
        }

        private void MarkSent(UserItem item) => _ledger?.MarkSent(item);

        /// <summary>A copy of the item's user (or a bare user for an id), with its portal and user type filled in.</summary>
        protected static PortalUser CopyOf(UserItem item)
        {
            var copy = item.User?.Clone() ?? new PortalUser { PersonalityId = item.Id! };
            copy.PersonalityId = item.Id!;
            copy.PortalName = item.Group.Portal;
            copy.UserTypeId = item.Group.UserTypeId;
            copy.UserTypeName = item.Group.UserTypeName ?? copy.UserTypeName;
            return copy;
        }

        /// <summary>
        /// Puts every user in its portal and user type. Users that carry their user type (or are
        /// given with -UserType) are taken at their word, as before; users named only by id or by
        /// email are looked up first (ZohoPortalClient.FindUsersAsync), with one error per user not
        /// found or ambiguous. The same user given twice (say by id and by email) is done once.
        /// </summary>
        private async Task<List<UserGroup>> BuildGroupsAsync(CancellationToken cancellationToken)
        {
            var portals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in _items)
            {
                var given = item.Portal ?? string.Empty;
                if (!portals.TryGetValue(given, out var portal))
                {
                    CurrentTarget = item.Portal;
                    portals[given] = portal = await ResolvePortalAsync(item.Portal, cancellationToken).ConfigureAwait(false);
                }
                item.ResolvedPortal = portal;
            }
            CurrentTarget = null;

            // Typed by name or -UserType: one user-type listing per portal resolves them.
            foreach (var item in _items.Where(i => i.UserTypeId == null && i.TypeIdentity != null))
            {
                CurrentTarget = item.TypeIdentity;
                // An id needs no listing unless -PassThru must write the type's name and the connection holds none.
                var type = await Resolver.ResolveAsync(item.TypeIdentity!, item.ResolvedPortal!, PassThru, cancellationToken).ConfigureAwait(false);
                item.UserTypeId = type.Id;
                item.UserTypeName = string.IsNullOrEmpty(type.Name) ? null : type.Name;
            }
            CurrentTarget = null;

            await LocateAsync(cancellationToken).ConfigureAwait(false);

            var groups = new List<UserGroup>();
            var byKey = new Dictionary<string, UserGroup>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in _items)
            {
                if (item.Failed || item.Id == null || item.UserTypeId == null) continue;
                var key = item.ResolvedPortal + "|" + item.UserTypeId;
                if (!seen.Add(key + "|" + item.Id))
                {
                    _ledger?.MarkReported(item); // done with the first copy
                    EmitVerbose("Portal user " + item.Id + " was given more than once; it is processed once.");
                    continue;
                }
                if (!byKey.TryGetValue(key, out var group))
                {
                    byKey[key] = group = new UserGroup(item.ResolvedPortal!, item.UserTypeId, item.UserTypeName);
                    groups.Add(group);
                }
                if (group.UserTypeName == null && item.UserTypeName != null) group.UserTypeName = item.UserTypeName;
                group.Items.Add(item);
                item.Group = group;
            }
            return groups;
        }

        /// <summary>Finds the user type (and, for an email, the id) of every user given without one.</summary>
        private async Task LocateAsync(CancellationToken cancellationToken)
        {
            var needy = _items.Where(i => i.Email != null || (i.UserTypeId == null && i.TypeIdentity == null)).ToList();
            // One lookup per portal and search scope (one user type, or all of them).
            foreach (var scope in needy.GroupBy(i => i.ResolvedPortal + "|" + (i.Email != null && i.UserTypeId != null ? i.UserTypeId : string.Empty)))
            {
                var first = scope.First();
                var portal = first.ResolvedPortal!;
                var all = await Resolver.ListAsync(portal, cancellationToken).ConfigureAwait(false);
                var types = first.Email != null && first.UserTypeId != null ? all.Where(t => t.Id == first.UserTypeId).ToList() : all;
                var ids = scope.Where(i => i.Id != null).Select(i => i.Id!).ToList();
                var emails = scope.Where(i => i.Email != null).Select(i => i.Email!).ToList();
                var matches = await Client.FindUsersAsync(portal, types, ids, emails, cancellationToken).ConfigureAwait(false);
                var where = types.Count == 1 ? "user type '" + types[0].Name + "'" : "portal '" + portal + "'";

                foreach (var item in scope)
                {
                    if (item.Email != null)
                    {
                        matches.ByEmail.TryGetValue(item.Email, out var found);
                        if (found == null || found.Count == 0)
                        {
                            item.Failed = true;
                            _ledger?.MarkReported(item); // its outcome is the error below
                            EmitError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserNotFound", ErrorCategory.ObjectNotFound,
                                "No portal user with email '" + item.Email + "' was found in " + where + ".", item.Target), item.Target));
                            continue;
                        }
                        if (found.Count > 1)
                        {
                            item.Failed = true;
                            _ledger?.MarkReported(item); // its outcome is the error below
                            EmitError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserEmailAmbiguous", ErrorCategory.InvalidArgument,
                                "Email '" + item.Email + "' belongs to " + found.Count + " portal users in " + where + ": "
                                + string.Join(", ", found.Select(u => "'" + u.Name + "' (" + u.PersonalityId + ", " + u.UserTypeName + ")")) + ". Nothing was done for it.",
                                item.Target, "Name the user by its PersonalityId (-Id) instead."), item.Target));
                            continue;
                        }
                        item.Resolve(found[0]);
                        continue;
                    }
                    if (matches.ById.TryGetValue(item.Id!, out var user))
                    {
                        item.Resolve(user);
                        continue;
                    }
                    item.Failed = true;
                    _ledger?.MarkReported(item); // its outcome is the error below
                    EmitError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserNotFound", ErrorCategory.ObjectNotFound,
                        "No portal user with id " + item.Id + " was found in " + where + ".", item.Target), item.Target));
                }
            }
        }

        /// <summary>"Portal 'P': 3 users of user type 'Customers' (Ava Boyle, Liam Boyle, Maya Boyle)".</summary>
        private static string DescribeGroup(UserGroup group)
        {
            var count = group.Items.Count;
            var names = group.Items.Take(3).Select(i => i.Describe()).ToList();
            var list = string.Join(", ", names) + (count > names.Count ? " and " + (count - names.Count).ToString("N0", CultureInfo.InvariantCulture) + " more" : string.Empty);
            return "Portal '" + group.Portal + "': " + count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " user" : " users")
                   + " of user type '" + (group.UserTypeName ?? group.UserTypeId) + "' (" + list + ")";
        }

        /// <summary>Names every user left without output or error (stopped, or a failure of the command itself).</summary>
        private void ReportLeftOver()
        {
            var ledger = _ledger;
            if (ledger == null) return;
            var (notProcessed, sent, unwritten) = ledger.LeftOver();
            if (notProcessed.Count == 0 && sent.Count == 0 && unwritten.Count == 0) return;
            var exception = new PortalUserOperationStoppedException(MyInvocation.MyCommand.Name, ledger.Count, notProcessed, unwritten, sent);
            var record = new ErrorRecord(exception, "PortalUserOperationStopped", ErrorCategory.OperationStopped,
                notProcessed.Concat(sent).Concat(unwritten.Select(r => r.GetDetail("personality_id") ?? string.Empty)).ToArray());
            StoppableRun.WriteSummary(this, record);
        }

        private void AdvanceProgress()
        {
            var progress = _progress;
            if (progress == null) return;
            var done = Interlocked.Increment(ref progress.Done);
            if (done != progress.Total && (done % progress.Step != 0 || !progress.Due())) return;
            var record = new ProgressRecord(progress.ActivityId, progress.Activity,
                done.ToString("N0", CultureInfo.InvariantCulture) + " of " + progress.Total.ToString("N0", CultureInfo.InvariantCulture) + " users")
            {
                PercentComplete = (int)(100L * done / progress.Total),
            };
            EmitProgress(record);
        }

        private void CompleteProgress()
        {
            var progress = _progress;
            if (progress == null) return;
            try
            {
                WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
            }
            catch (PipelineStoppedException)
            {
            }
        }

        /// <summary>One user to process.</summary>
        public sealed class UserItem
        {
            internal UserItem(string? id, string? email, object? target, PortalUser? user, string? portal, string? userTypeId, string? userTypeName,
                UserTypeIdentity? typeIdentity, bool? claimedActive)
            {
                Id = id;
                Email = email;
                Target = target ?? id ?? email;
                User = user;
                Portal = portal;
                UserTypeId = userTypeId;
                UserTypeName = userTypeName;
                TypeIdentity = typeIdentity;
                ClaimedActive = claimedActive;
            }

            /// <summary>The personality id (null until an email is resolved).</summary>
            public string? Id { get; private set; }
            /// <summary>The email the user was named by, when it was named by email only.</summary>
            public string? Email { get; }
            /// <summary>The user as given or as found (null for a bare id).</summary>
            public PortalUser? User { get; private set; }
            /// <summary>The Active status the input shows (null when it shows none); it is checked, never trusted.</summary>
            public bool? ClaimedActive { get; private set; }
            internal string? Portal { get; }
            internal string? ResolvedPortal { get; set; }
            internal string? UserTypeId { get; set; }
            internal string? UserTypeName { get; set; }
            internal UserTypeIdentity? TypeIdentity { get; }
            internal bool Failed { get; set; }
            internal int Index { get; set; }
            /// <summary>The portal and user type the user was found in.</summary>
            public UserGroup Group { get; internal set; } = null!;

            /// <summary>The TargetObject of this user's errors: the object or row given, else the id or email.</summary>
            public object? Target { get; }

            public string Describe() => User?.Name != null ? "'" + User.Name + "' (" + Id + ")" : Id ?? Email ?? string.Empty;

            /// <summary>Takes what a lookup found: the id, the user type and the user as Zoho lists it now.</summary>
            internal void Resolve(PortalUser found)
            {
                Id = found.PersonalityId;
                UserTypeId = found.UserTypeId;
                UserTypeName = found.UserTypeName;
                if (User == null || User.Name == null) User = found;
                ClaimedActive = found.Active;
            }
        }

        /// <summary>The users of one portal and source user type.</summary>
        public sealed class UserGroup
        {
            internal UserGroup(string portal, string userTypeId, string? userTypeName)
            {
                Portal = portal;
                UserTypeId = userTypeId;
                UserTypeName = userTypeName;
            }

            public string Portal { get; }
            public string UserTypeId { get; }
            public string? UserTypeName { get; internal set; }
            public List<UserItem> Items { get; } = new List<UserItem>();
            public List<string> Ids => Items.Select(i => i.Id!).ToList();
            public string DisplayName => UserTypeName ?? UserTypeId;
            /// <summary>The core's plan for this group, made when it is confirmed and sent as made.</summary>
            public RequestPlan? Plan { get; internal set; }
        }

        /// <summary>The tokens of one run: Stop (finish the call in flight, start nothing new) and Abort (give up on it).</summary>
        public sealed class BulkRun
        {
            private readonly Action<UserItem> _markSent;

            internal BulkRun(CancellationToken stop, CancellationToken abort, Action<UserItem> markSent)
            {
                Stop = stop;
                Abort = abort;
                _markSent = markSent;
            }

            public CancellationToken Stop { get; }
            public CancellationToken Abort { get; }

            /// <summary>Notes that this user's request is about to go out.</summary>
            public void MarkSent(UserItem item) => _markSent(item);
        }

        /// <summary>What happened to each user: no result yet, a result not yet written, or reported.</summary>
        /// <summary>The run's users in a <see cref="StopLedger{TResult}"/>, by their place in the input (UserItem.Index).</summary>
        private sealed class Ledger
        {
            private readonly List<UserItem> _items;
            private readonly StopLedger<ZohoActionResult> _state;

            public Ledger(List<UserItem> items)
            {
                _items = items;
                for (var i = 0; i < items.Count; i++) items[i].Index = i;
                _state = new StopLedger<ZohoActionResult>(items.Count);
            }

            public int Count => _items.Count;

            public void MarkSent(UserItem item) => _state.MarkSent(item.Index);

            /// <summary>Notes one batch's users as sent, under one lock (indexing, not Skip/Take, which walks the list from its start per batch).</summary>
            public void MarkSent(IReadOnlyList<UserItem> items, int offset, int count)
            {
                var end = Math.Min(items.Count, offset + count);
                _state.MarkSent(Indexes(items, offset, end));
            }

            private static IEnumerable<int> Indexes(IReadOnlyList<UserItem> items, int from, int end)
            {
                for (var i = from; i < end; i++) yield return items[i].Index;
            }

            public void SetResult(UserItem item, ZohoActionResult result) => _state.SetResult(item.Index, result);

            public void MarkReported(UserItem item) => _state.MarkReported(item.Index);

            /// <summary>A result that needs no writing: recorded and reported at once.</summary>
            public void SetReported(UserItem item, ZohoActionResult result) => _state.SetReported(item.Index, result);

            /// <summary>Users never sent, users sent without an answer (outcome unknown), and answers not written.</summary>
            public (List<string> NotProcessed, List<string> Sent, List<ZohoActionResult> Unwritten) LeftOver()
            {
                var notProcessed = new List<string>();
                var sent = new List<string>();
                var unwritten = new List<ZohoActionResult>();
                _state.Visit((i, result, wasSent, reported) =>
                {
                    if (reported) return;
                    if (result != null) unwritten.Add(result);
                    else if (wasSent) sent.Add(_items[i].Id!);
                    else notProcessed.Add(_items[i].Id!);
                });
                return (notProcessed, sent, unwritten);
            }
        }

        private sealed class ProgressState
        {
            public ProgressState(string activity, int total)
            {
                Activity = activity;
                Total = total;
                Step = Math.Max(1, total / 100);
            }

            /// <summary>Progress records cost the host a redraw each: at most one per <see cref="MinInterval"/> (the last one always shows).</summary>
            private static readonly long MinInterval = System.Diagnostics.Stopwatch.Frequency / 4;
            private long _lastShown = long.MinValue / 2;

            /// <summary>True (and the clock restarted) when the last record shown is old enough for another.</summary>
            public bool Due()
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var last = Interlocked.Read(ref _lastShown);
                return now - last >= MinInterval && Interlocked.CompareExchange(ref _lastShown, now, last) == last;
            }

            public int ActivityId { get; } = 1;
            public string Activity { get; }
            public int Total { get; }
            public int Step { get; }
            public int Done;
        }
    }
}
