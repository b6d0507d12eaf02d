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

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Gets the users of a portal, of one user type or of all of them.</para>
    /// <para type="description">Get-PortalUser lists portal users (GET .../user_type/{id}/users), 200 per request, and writes each page as it arrives, so the first users show at once even among thousands. Page 1 is read alone; once the next command has taken its users, the pages still needed are read side by side (at most the connection's MaxConcurrency at once, 10 at most, and a bounded number ahead of the command taking them), so memory stays flat behind a slow consumer. Give -UserType (an id, a name, or user-type objects from the pipeline) or nothing for every user type of the portal. -Status picks active, deactivated, confirmed or unconfirmed users; -StatusReason and -ExcludeStatusReason filter on why a user was deactivated; -Id looks users up by id. -First and -Skip ask only for the pages they need: -First 5 is one small request whatever the number of users, -First 1000 is 5 requests; a Select-Object -First that stops within the first page also costs one request. -IncludeTotalCount reports how many users match. -Email finds users by email address (wildcards allowed; Zoho has no email filter, so the users of the user types asked for are read and matched here). Piped input binds by property name: a portal (PortalName) lists its users, a user type (UserTypeId/UserTypeName) lists that type's users, and a user, a CSV row with PersonalityId or Email, or an invite result (RecordId) returns exactly that user as Zoho lists it now (one personality_ids listing per user type per 100 users). Each user carries its portal and user type, so it pipes into Move-, Enable-, Disable- and Remove-PortalUser.</para>
    /// <para type="description">Zoho pages by position: users that leave or join a user type while it is listed (a ForEach-Object that moves or deletes each user it is handed, or another administrator) shift the pages not yet read, so some users are left out or written twice. Get-PortalUser notices it from the totals Zoho gives with each page and writes one warning for that user type. To change users one by one, collect them first ($users = @(Get-PortalUser ...); $users | ForEach-Object { ... }); the bulk cmdlets (Move-, Remove-, Enable-, Disable-PortalUser) collect their input themselves.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUser -UserType Customers -Status Active</code>
    /// <para>Lists the active users of the Customers user type.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUser -First 20</code>
    /// <para>Shows the first 20 users of the portal, reading only what it needs.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name Customer | Get-PortalUser -Status Active | Move-PortalUser -Destination Premium</code>
    /// <para>Moves every active user of the Customer user type to Premium.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUser -Status Deactivated -StatusReason 'disabled on updation of email'</code>
    /// <para>Lists the users Zoho deactivated because their email changed.</para>
    /// </example>
    /// <example>
    /// <code>$one = Get-PortalUser -First 1; $one | Get-PortalUser | Remove-PortalUser -WhatIf</code>
    /// <para>Reads that one user again (fresh) and shows the removal of exactly that user.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUser -Email '*@example.com' -Status Active</code>
    /// <para>Lists the active users whose email ends in @example.com.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | Get-PortalUser</code>
    /// <para>Reads back the users of a CSV written by Get-PortalUser | Export-Csv (or any CSV with a PersonalityId or an Email column).</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "PortalUser", SupportsPaging = true)]
    [OutputType(typeof(PortalUser))]
    public sealed class GetPortalUserCmdlet : ZohoPortalConnectedCmdlet
    {
        private UserTypeResolver? _resolver;
        private long _skipLeft;
        private long? _firstLeft;
        private bool _pagingRead;
        private bool _anyInput;
        private readonly HashSet<string> _found = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<long?> _totals = new List<long?>();
        // Users handed downstream so far: a listing is run again only while this is unchanged.
        private int _written;
        private readonly HashSet<string> _foundEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Lookup> _lookups = new List<Lookup>();

        #region Parameters

        /// <summary><para type="description">The user type(s) to list: id, name (wildcards allowed), or the objects from Get-PortalUserType. Default: every user type of the portal.</para></summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity[]? UserType { get; set; }

        /// <summary><para type="description">What to read, from the pipeline, by property name: portals (PortalName: all their users), user types (UserTypeId or UserTypeName: their users), users, CSV rows with PersonalityId or Email, invite results (RecordId): exactly those users, read again. A piped string is a user type id or name, or an email address.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject[]? InputObject { get; set; }

        /// <summary><para type="description">The portal. Default: the org's portal. Piped objects bring their own PortalName.</para></summary>
        [Parameter]
        [Alias("PortalName")]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public string? Portal { get; set; }

        /// <summary><para type="description">Only users with these email addresses (case-insensitive; wildcards allowed). An exact address found in no listed user type is an ObjectNotFound error.</para></summary>
        [Parameter]
        public string[]? Email { get; set; }

        /// <summary><para type="description">Which users: All (default), Active, Deactivated, Confirmed (accepted the invitation), NotConfirmed, ActiveConfirmed.</para></summary>
        [Parameter]
        public PortalUserStatus Status { get; set; } = PortalUserStatus.All;

        /// <summary><para type="description">Only users with these ids (personality ids). An id found in no user type is an ObjectNotFound error.</para></summary>
        [Parameter]
        [Alias("PersonalityId")]
        public string[]? Id { get; set; }

        /// <summary><para type="description">Only users whose status reason (status_reason__s, why Zoho deactivated them) is this text.</para></summary>
        [Parameter]
        public string? StatusReason { get; set; }

        /// <summary><para type="description">Only users whose status reason is not this text.</para></summary>
        [Parameter]
        public string? ExcludeStatusReason { get; set; }

        #endregion

        #region Overrides

        protected override void BeginProcessingCore()
        {
            if (Id == null) return;
            foreach (var id in Id)
                ZohoIdRules.Validate(id, "InvalidPersonalityId", "Portal user id", "Id");
        }

        protected override void ProcessRecordCore()
        {
            _anyInput = true;
            ReadPaging();
            if (InputObject == null)
            {
                ListTypes(Portal, UserType);
                return;
            }
            foreach (var input in InputObject)
            {
                if (input == null) continue;
                var piped = PipedIdentity.Read(input);
                if (piped.Text != null)
                {
                    if (PipedIdentity.LooksLikeEmail(piped.Text)) _lookups.Add(new Lookup(input, Portal, null, null, null, piped.Text));
                    else ListTypes(Portal, new[] { new UserTypeIdentity(piped.Text) });
                    continue;
                }
                if (piped.NamesUser)
                {
                    if (piped.PersonalityId != null && !ZohoIdRules.IsId(piped.PersonalityId))
                    {
                        WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InvalidPersonalityId",
                            "Portal user id '" + piped.PersonalityId + "' is not a Zoho id (ids are numbers such as 1306462000000659009).", "InputObject"), input));
                        continue;
                    }
                    _lookups.Add(new Lookup(input, piped.PortalName ?? Portal, piped.PersonalityId, ZohoIdRules.IsId(piped.UserTypeId) ? piped.UserTypeId : null,
                        piped.UserTypeName, piped.PersonalityId == null ? piped.Email : null));
                    continue;
                }
                if (piped.UserType != null)
                {
                    ListTypes(piped.PortalName ?? Portal, new[] { new UserTypeIdentity(piped.UserType) });
                    continue;
                }
                if (piped.NamesUserType)
                {
                    var identity = new UserTypeIdentity(ZohoIdRules.IsId(piped.UserTypeId) ? piped.UserTypeId! : piped.UserTypeName ?? piped.UserTypeId!);
                    ListTypes(piped.PortalName ?? Portal, new[] { identity });
                    continue;
                }
                if (piped.PortalName != null)
                {
                    ListTypes(piped.PortalName, UserType);
                    continue;
                }
                WriteError(ErrorMapper.ToErrorRecord(new ZohoValidationException("InputObjectNotRecognized",
                    "The input names no portal, user type or user: it has no PortalName, UserTypeId, UserTypeName, PersonalityId or Email property (CSV column)"
                    + (piped.PropertyNames.Count == 0 ? "." : "; it has " + string.Join(", ", piped.PropertyNames) + "."), "InputObject"), input));
            }
        }

        /// <summary>Lists the users of the given user types (all when null) of a portal, page by page.</summary>
        private void ListTypes(string? portalName, IReadOnlyList<UserTypeIdentity>? identities)
        {
            if (_firstLeft == 0 && !PagingParameters.IncludeTotalCount) return;
            var connection = ActiveConnection;
            var resolver = _resolver ?? (_resolver = new UserTypeResolver(connection));
            var query = BuildQuery();
            var emails = EmailPatterns();
            CurrentTarget = identities == null ? null : (object)identities;

            RunListing(resolver, async ct =>
            {
                var portal = await ResolvePortalAsync(portalName, ct).ConfigureAwait(false);
                var types = new List<PortalUserType>();
                if (identities == null) types.AddRange(await resolver.ListAsync(portal, ct).ConfigureAwait(false));
                else foreach (var identity in identities) types.AddRange(await resolver.ResolveManyAsync(identity, portal, ct).ConfigureAwait(false));

                foreach (var type in types)
                {
                    long? total = null;
                    if (_firstLeft != 0)
                    {
                        // With -Email the matching is ours, so paging is counted over the matches, not Zoho's pages.
                        query.Skip = emails == null ? _skipLeft : 0;
                        query.First = emails == null ? _firstLeft : null;
                        var typeName = type.Name;
                        var listing = await connection.Client.ListUsersAsync(portal, type.Id, query, (page, token) =>
                        {
                            var wanted = new List<PortalUser>();
                            foreach (var user in page)
                            {
                                user.UserTypeName = typeName;
                                if (emails != null)
                                {
                                    if (user.Email == null || !emails.Any(e => e.IsMatch(user.Email))) continue;
                                    lock (_found) _foundEmails.Add(user.Email);
                                    if (!TakeOne()) continue;
                                }
                                // Ids are kept only to name the -Id users never found: a plain listing keeps nothing per user.
                                if (Id != null) lock (_found) _found.Add(user.PersonalityId);
                                wanted.Add(user);
                            }
                            return WriteTakenAsync(wanted, token);
                        }, ct).ConfigureAwait(false);
                        if (listing.TotalChanged) EmitWarning(ChangedWhileListed(typeName, listing));
                        if (emails == null)
                        {
                            _skipLeft -= listing.Skipped;
                            if (_firstLeft.HasValue) _firstLeft -= listing.Returned;
                        }
                        total = query.PersonalityIds == null && emails == null ? listing.TotalCount : null;
                    }
                    if (PagingParameters.IncludeTotalCount && query.PersonalityIds == null && emails == null && total == null)
                        total = await connection.Client.CountUsersAsync(portal, type.Id, query, ct).ConfigureAwait(false);
                    _totals.Add(total);
                }
            });
        }

        /// <summary>
        /// Zoho pages by position: users that left (or joined) the type while it was listed shift
        /// the pages not yet read, so some users were not written or were written twice. The
        /// usual cause is a command downstream that changes each user it is handed.
        /// </summary>
        internal static string ChangedWhileListed(string typeName, PortalUserListing listing) =>
            "User type '" + typeName + "' changed while it was listed (" + Count(listing.FirstTotalCount) + " users when the listing began, "
            + Count(listing.TotalCount) + " at its last page): Zoho pages by position, so some users may have been left out or written twice. "
            + "To change the users you list one by one, collect them first: $users = @(Get-PortalUser -UserType '" + typeName + "'); $users | ForEach-Object { ... }. "
            + "Pipelines into Move-, Remove-, Enable- and Disable-PortalUser need not: they read every user before the first change.";

        private static string Count(long? n) => n.HasValue ? n.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "?";

        /// <summary>
        /// Writes a page on the pipeline thread and completes once every user of it has been taken
        /// downstream: the listing reads ahead only that far (backpressure). A downstream stop
        /// (Select-Object -First, Ctrl+C) leaves the task cancelled, so nothing more is read.
        /// </summary>
        private Task WriteTakenAsync(List<PortalUser> users, CancellationToken cancellationToken)
        {
            if (users.Count == 0) return Task.CompletedTask;
            Interlocked.Add(ref _written, users.Count);
            var taken = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => taken.TrySetCanceled());
            Post(() =>
            {
                try
                {
                    WriteObject(users, true);
                    taken.TrySetResult(true);
                }
                catch
                {
                    taken.TrySetCanceled();
                    throw;
                }
            });
            return taken.Task.ContinueWith(t =>
            {
                registration.Dispose();
                return t;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        }

        /// <summary>
        /// Runs a listing. When Zoho calls a user type id taken from the connection's cache unknown
        /// (the type was deleted or made again elsewhere) before anything was written, the user
        /// types are read again and the listing runs once more: a name then finds its new id, and a
        /// type that is gone is UserTypeNotFound.
        /// </summary>
        private void RunListing(UserTypeResolver resolver, Func<CancellationToken, Task> work)
        {
            var written = Volatile.Read(ref _written);
            var totals = _totals.Count;
            try
            {
                RunAsync(work);
            }
            catch (ZohoApiException e) when (e.Code == "INVALID_DATA" && e.ZohoMessage != null
                                             && e.ZohoMessage.StartsWith("Invalid user type id", StringComparison.Ordinal)
                                             && Volatile.Read(ref _written) == written && _totals.Count == totals && resolver.ForgetCached())
            {
                WriteVerbose("Zoho does not know a user type id the connection had cached; reading the user types again.");
                RunAsync(work);
            }
        }

        /// <summary>Client-side -Skip/-First for matches we filter ourselves; true when this one is to be written.</summary>
        private bool TakeOne()
        {
            lock (_found)
            {
                if (_skipLeft > 0) { _skipLeft--; return false; }
                if (_firstLeft == 0) return false;
                if (_firstLeft.HasValue) _firstLeft--;
                return true;
            }
        }

        private List<WildcardPattern>? EmailPatterns() =>
            Email == null ? null : Email.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => new WildcardPattern(e.Trim(), WildcardOptions.IgnoreCase)).ToList();

        /// <summary>
        /// Reads the piped users again: users whose object says its user type are listed from that
        /// type by personality_ids (100 per request); the rest, and users no longer in the type
        /// their object names, are looked up across the portal's user types. Output keeps input order.
        /// </summary>
        private void ReadPipedUsers()
        {
            var connection = ActiveConnection;
            var resolver = _resolver ?? (_resolver = new UserTypeResolver(connection));
            var lookups = _lookups;
            var results = RunAsync(async ct =>
            {
                var found = new Dictionary<Lookup, List<PortalUser>>();
                foreach (var byPortal in lookups.GroupBy(l => l.Portal ?? string.Empty))
                {
                    CurrentTarget = byPortal.Key.Length == 0 ? null : byPortal.Key;
                    var portal = await ResolvePortalAsync(byPortal.First().Portal, ct).ConfigureAwait(false);
                    CurrentTarget = null;
                    // Users that carry their user type id need no user-type listing at all.
                    List<PortalUserType>? all = null;
                    if (byPortal.Any(l => l.UserTypeId == null && l.UserTypeName != null))
                    {
                        all = await resolver.ListAsync(portal, ct).ConfigureAwait(false);
                        foreach (var lookup in byPortal.Where(l => l.UserTypeId == null && l.UserTypeName != null))
                        {
                            var type = all.FirstOrDefault(t => string.Equals(t.Name, lookup.UserTypeName, StringComparison.OrdinalIgnoreCase));
                            if (type != null) lookup.UserTypeId = type.Id;
                        }
                    }

                    var byId = new Dictionary<string, PortalUser>(StringComparer.Ordinal);
                    foreach (var typed in byPortal.Where(l => l.Id != null && l.UserTypeId != null).GroupBy(l => l.UserTypeId!))
                    {
                        var typeId = typed.Key;
                        var typeName = typed.Select(l => l.UserTypeName).FirstOrDefault(n => n != null);
                        if (typeName == null)
                        {
                            // An invite result names its user type by id only: one listing (cached for the invocation) gives the name users carry.
                            all = all ?? await resolver.ListAsync(portal, ct).ConfigureAwait(false);
                            typeName = all.FirstOrDefault(t => t.Id == typeId)?.Name;
                        }
                        var ids = typed.Select(l => l.Id!).Distinct(StringComparer.Ordinal).ToList();
                        try
                        {
                            await connection.Client.ListUsersAsync(portal, typeId, new PortalUserQuery { PersonalityIds = ids }, page =>
                            {
                                foreach (var user in page)
                                {
                                    user.UserTypeName = typeName;
                                    if (ids.Contains(user.PersonalityId)) byId[user.PersonalityId] = user;
                                }
                            }, ct).ConfigureAwait(false);
                        }
                        catch (ZohoApiException e) when (e.Code == "INVALID_DATA")
                        {
                            // The user type named by the object is gone: its users are looked up across the portal below.
                        }
                    }
                    var missingIds = byPortal.Where(l => l.Id != null && !byId.ContainsKey(l.Id)).Select(l => l.Id!).Distinct(StringComparer.Ordinal).ToList();
                    var emails = byPortal.Where(l => l.Email != null).Select(l => l.Email!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    PortalUserMatches? matches = null;
                    if (missingIds.Count > 0 || emails.Count > 0)
                        matches = await connection.Client.FindUsersAsync(portal, all ?? await resolver.ListAsync(portal, ct).ConfigureAwait(false), missingIds, emails, ct).ConfigureAwait(false);
                    foreach (var lookup in byPortal)
                    {
                        var users = new List<PortalUser>();
                        if (lookup.Id != null)
                        {
                            if (byId.TryGetValue(lookup.Id, out var user) || (matches != null && matches.ById.TryGetValue(lookup.Id, out user))) users.Add(user);
                        }
                        else if (matches != null && matches.ByEmail.TryGetValue(lookup.Email!, out var list)) users.AddRange(list);
                        found[lookup] = users;
                    }
                }
                return found;
            });

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lookup in lookups)
            {
                var users = results[lookup];
                if (users.Count == 0)
                {
                    var what = lookup.Id != null ? "id " + lookup.Id : "email '" + lookup.Email + "'";
                    WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserNotFound", ErrorCategory.ObjectNotFound,
                        "No portal user with " + what + " was found in portal '" + (lookup.Portal ?? ActiveConnection.PortalName) + "'.", lookup.Input), lookup.Input));
                    continue;
                }
                foreach (var user in users)
                {
                    if (!Matches(user) || !seen.Add(user.PersonalityId)) continue;
                    if (!TakeOne()) continue;
                    if (Id != null) _found.Add(user.PersonalityId);
                    WriteObject(user);
                }
            }
        }

        /// <summary>-Status, -StatusReason and -ExcludeStatusReason applied on our side, for users read by id.</summary>
        private bool Matches(PortalUser user)
        {
            switch (Status)
            {
                case PortalUserStatus.Active: if (!user.Active) return false; break;
                case PortalUserStatus.Deactivated: if (user.Active) return false; break;
                case PortalUserStatus.Confirmed: if (!user.Confirmed) return false; break;
                case PortalUserStatus.NotConfirmed: if (user.Confirmed) return false; break;
                case PortalUserStatus.ActiveConfirmed: if (!user.Active || !user.Confirmed) return false; break;
            }
            if (StatusReason != null && !string.Equals(user.StatusReason, StatusReason, StringComparison.Ordinal)) return false;
            if (ExcludeStatusReason != null && string.Equals(user.StatusReason, ExcludeStatusReason, StringComparison.Ordinal)) return false;
            return true;
        }

        protected override void EndProcessingCore()
        {
            if (!_anyInput) return;
            if (_lookups.Count > 0) ReadPipedUsers();
            if (Email != null && PagingParameters.Skip == 0 && PagingParameters.First == ulong.MaxValue)
            {
                foreach (var email in Email.Where(e => !string.IsNullOrWhiteSpace(e) && !WildcardPattern.ContainsWildcardCharacters(e)).Select(e => e.Trim())
                             .Where(e => !_foundEmails.Contains(e)))
                    WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserNotFound", ErrorCategory.ObjectNotFound,
                        "No portal user with email '" + email + "' was found" + (UserType == null ? "." : " in user type " + string.Join(", ", UserType.Select(t => "'" + t + "'")) + "."), email), email));
            }
            if (Id != null && PagingParameters.Skip == 0 && PagingParameters.First == ulong.MaxValue)
            {
                foreach (var id in Id.Distinct(StringComparer.Ordinal).Where(i => !_found.Contains(i)))
                    WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("PortalUserNotFound", ErrorCategory.ObjectNotFound,
                        "No portal user with id " + id + " was found" + (UserType == null ? "." : " in user type " + string.Join(", ", UserType.Select(t => "'" + t + "'")) + "."), id), id));
            }
            if (PagingParameters.IncludeTotalCount)
            {
                var count = Id != null ? (ulong)_found.Count : (ulong)_totals.Sum(t => t ?? 0);
                var accuracy = Id != null || _totals.All(t => t.HasValue) ? 1.0 : 0.5;
                WriteObject(PagingParameters.NewTotalCount(count, accuracy));
            }
        }

        #endregion

        /// <summary>-Skip and -First count across every user type and every piped input, so they are read once.</summary>
        private void ReadPaging()
        {
            if (_pagingRead) return;
            _pagingRead = true;
            _skipLeft = (long)Math.Min(PagingParameters.Skip, long.MaxValue);
            _firstLeft = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue);
        }

        private PortalUserQuery BuildQuery()
        {
            var query = new PortalUserQuery { Status = Status };
            if (StatusReason != null) query.Filters.Add(PortalUserFilter.StatusReasonEquals(StatusReason));
            if (ExcludeStatusReason != null) query.Filters.Add(PortalUserFilter.StatusReasonNotEquals(ExcludeStatusReason));
            if (Id != null) query.PersonalityIds = Id.Distinct(StringComparer.Ordinal).ToList();
            return query;
        }

        /// <summary>One piped user to read again.</summary>
        private sealed class Lookup
        {
            public Lookup(object input, string? portal, string? id, string? userTypeId, string? userTypeName, string? email)
            {
                Input = input;
                Portal = portal;
                Id = id;
                UserTypeId = userTypeId;
                UserTypeName = userTypeName;
                Email = email;
            }

            public object Input { get; }
            public string? Portal { get; }
            public string? Id { get; }
            public string? UserTypeId { get; set; }
            public string? UserTypeName { get; }
            public string? Email { get; }
        }
    }
}
