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
    /// <para type="description">Get-PortalUser lists portal users (GET .../user_type/{id}/users), 200 per request, and writes each page as it arrives, so the first users show at once even among thousands. Give -UserType (an id, a name, or user-type objects from the pipeline) or nothing for every user type of the portal. -Status picks active, deactivated, confirmed or unconfirmed users; -StatusReason and -ExcludeStatusReason filter on why a user was deactivated; -Id looks users up by id. -First and -Skip ask only for the pages they need: -First 5 is one small request whatever the number of users. -IncludeTotalCount reports how many users match. Each user carries its portal and user type, so it pipes into Move-, Enable-, Disable- and Remove-PortalUser.</para>
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

        #region Parameters

        /// <summary><para type="description">The user type(s) to list: id, name, or the objects from Get-PortalUserType (from the pipeline too). Default: every user type of the portal.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity[]? UserType { get; set; }

        /// <summary><para type="description">The portal. Default: the org's portal. Binds the PortalName of piped user types.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortalName")]
        public string? Portal { get; set; }

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
            if (_firstLeft == 0 && !PagingParameters.IncludeTotalCount) return;
            var connection = ActiveConnection;
            var resolver = _resolver ?? (_resolver = new UserTypeResolver(connection));
            var identities = UserType;
            var query = BuildQuery();
            CurrentTarget = identities == null ? null : (object)identities;

            RunAsync(async ct =>
            {
                var portal = await ResolvePortalAsync(Portal, ct).ConfigureAwait(false);
                var types = new List<PortalUserType>();
                if (identities == null) types.AddRange(await resolver.ListAsync(portal, ct).ConfigureAwait(false));
                else foreach (var identity in identities) types.Add(await resolver.ResolveAsync(identity, portal, ct).ConfigureAwait(false));

                foreach (var type in types)
                {
                    long? total = null;
                    if (_firstLeft != 0)
                    {
                        query.Skip = _skipLeft;
                        query.First = _firstLeft;
                        var typeName = type.Name;
                        var listing = await connection.Client.ListUsersAsync(portal, type.Id, query, page =>
                        {
                            foreach (var user in page)
                            {
                                user.UserTypeName = typeName;
                                lock (_found) _found.Add(user.PersonalityId);
                            }
                            Post(() => WriteObject(page, true));
                        }, ct).ConfigureAwait(false);
                        _skipLeft -= listing.Skipped;
                        if (_firstLeft.HasValue) _firstLeft -= listing.Returned;
                        total = query.PersonalityIds == null ? listing.TotalCount : null;
                    }
                    if (PagingParameters.IncludeTotalCount && query.PersonalityIds == null && total == null)
                        total = await connection.Client.CountUsersAsync(portal, type.Id, query, ct).ConfigureAwait(false);
                    _totals.Add(total);
                }
            });
        }

        protected override void EndProcessingCore()
        {
            if (!_anyInput) return;
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
    }
}
