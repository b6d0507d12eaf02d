using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.UserTypes
{
    /// <summary>
    /// <para type="synopsis">Deletes a user type, optionally moving its users to another user type first.</para>
    /// <para type="description">Remove-PortalUserType deletes a user type (DELETE /settings/portals/{portal}/user_type/{id}). Zoho deletes only user types without users. With -TransferUsersTo the cmdlet first lists every user of the type, moves them all to the given user type in calls of 200 (each user gets its own result; a user that cannot be moved is reported as its own error), and deletes the type only when every user has moved. Without -TransferUsersTo, a type that still has users is not deleted: the error (ErrorId UserTypeHasUsers) says how many and how to move them, and at most one request is sent.</para>
    /// <para type="description">Asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would happen and sends nothing that changes the portal (nothing at all when the session has already listed the user type).</para>
    /// </summary>
    /// <example>
    /// <code>Remove-PortalUserType -Identity Suppliers</code>
    /// <para>Deletes the Suppliers user type after asking for confirmation (it must have no users).</para>
    /// </example>
    /// <example>
    /// <code>Remove-PortalUserType -Identity Suppliers -TransferUsersTo Customers -Force</code>
    /// <para>Moves every Suppliers user to Customers (200 per call), then deletes Suppliers, without asking.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUserType -Name 'Test*' | Remove-PortalUserType -WhatIf</code>
    /// <para>Shows which user types would be deleted; nothing is changed.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "PortalUserType", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePortalUserTypeCmdlet : UserTypeCmdletBase
    {
        /// <summary>Below this many users the move is quick enough to need no progress bar.</summary>
        private const int ProgressThreshold = ZohoPortalClient.MaxTransferBatch;

        #region Parameters

        /// <summary><para type="description">The user type to delete: its name, its id, or the object from Get-PortalUserType (pipeline).</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("UserType")]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity Identity { get; set; } = null!;

        /// <summary><para type="description">Another user type (name, id or object) to move the users to before deleting.</para></summary>
        [Parameter]
        [Alias("Destination")]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity? TransferUsersTo { get; set; }

        /// <summary><para type="description">Deletes without asking for confirmation.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Identity.UserType ?? (object)Identity.ToString();
            var portal = ResolvePortal(Portal);
            // A count read from a listing made just now is reliable enough to refuse without asking Zoho again.
            var countIsFresh = Identity.UserType == null && !IsWhatIf;
            var type = ResolveUserType(Identity, portal);
            CurrentTarget = type;
            var destination = TransferUsersTo == null ? null : ResolveUserType(TransferUsersTo, portal);
            if (destination != null && destination.Id == type.Id)
                throw new ZohoValidationException("TransferToSameUserType", "Users cannot be moved to the user type being deleted; name another user type in -TransferUsersTo.", nameof(TransferUsersTo));
            if (destination == null && countIsFresh && type.UserCount > 0)
            {
                WriteError(HasUsers(type, portal, null));
                return;
            }

            var path = "/settings/portals/" + portal + "/user_type/" + type.Id;
            var users = type.UserCount.HasValue ? " with " + type.UserCount + " users" : string.Empty;
            var action = destination == null
                ? "Delete (DELETE " + path + ")"
                : "Move its users to " + Describe(destination) + " (POST " + path + "/users/action/transfer, 200 per call), then delete (DELETE " + path + ")";
            if (!ShouldProcessUnlessForced(Force, "User type " + Describe(type) + users + " in portal '" + portal + "'", action)) return;

            var connection = ActiveConnection;
            if (destination != null)
            {
                var (moved, failed) = RunAsync(ct => MoveUsersAsync(connection.Client, portal, type, destination, ct));
                if (failed > 0)
                {
                    WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("UserTypeNotEmptied", ErrorCategory.InvalidOperation,
                        failed + " of " + (moved + failed) + " users of user type " + Describe(type) + " could not be moved to " + Describe(destination)
                        + " (see the errors before this one); the user type was not deleted.", type,
                        "Fix or remove those users (Get-PortalUser), then run Remove-PortalUserType again."), type));
                    return;
                }
                if (moved > 0) WriteVerbose("Moved " + moved + " users from " + Describe(type) + " to " + Describe(destination) + ".");
            }

            try
            {
                RunAsync(ct => connection.Client.DeleteUserTypeAsync(portal, type.Id, null, ct));
            }
            catch (ZohoApiException e) when (e.HttpStatus == 400 && e.Code == "INVALID_DATA" && e.Details.TryGetValue("param_name", out var p) && p == "transfer_To")
            {
                WriteError(HasUsers(type, portal, e));
                return;
            }
            ForgetUserType(type.Id);
        }

        #endregion

        /// <summary>Lists every user first (moving while paging would shift the pages), then moves them in batches.</summary>
        private async Task<(int Moved, int Failed)> MoveUsersAsync(ZohoPortalClient client, string portal, PortalUserType type, PortalUserType destination, CancellationToken ct)
        {
            var users = new List<PortalUser>();
            for (var page = 1; ; page++)
            {
                var result = await client.GetUsersPageAsync(portal, type.Id, PortalUserStatus.All, page, ZohoPortalClient.MaxUsersPerPage, ct).ConfigureAwait(false);
                users.AddRange(result.Users);
                if (result.Users.Count == 0 || result.Info?.MoreRecords != true) break;
            }
            if (users.Count == 0) return (0, 0);

            var byId = new Dictionary<string, PortalUser>();
            foreach (var user in users)
            {
                user.UserTypeName = type.Name;
                byId[user.PersonalityId] = user;
            }
            var activity = "Moving users of user type " + Describe(type) + " to " + Describe(destination);
            var showProgress = users.Count > ProgressThreshold;
            int done = 0, failed = 0;
            await client.TransferUsersAsync(portal, type.Id, destination.Id, byId.Keys.ToList(), batch =>
            {
                for (var i = 0; i < batch.Ids.Count; i++)
                {
                    var item = batch.Results[i];
                    if (item.IsSuccess) continue;
                    failed++;
                    byId.TryGetValue(batch.Ids[i], out var user);
                    EmitError(ErrorMapper.FromItem(item, 400, (object?)user ?? batch.Ids[i],
                        "Moving user " + (user?.Name ?? batch.Ids[i]) + " to " + Describe(destination)));
                }
                done += batch.Ids.Count;
                if (showProgress)
                    EmitProgress(new ProgressRecord(1, activity, done + " of " + byId.Count + " users") { PercentComplete = done * 100 / byId.Count });
            }, ct).ConfigureAwait(false);
            if (showProgress) EmitProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            return (byId.Count - failed, failed);
        }

        /// <summary>The one error for "this user type still has users", whether we knew it or Zoho said so.</summary>
        private ErrorRecord HasUsers(PortalUserType type, string portal, ZohoApiException? zoho)
        {
            var count = zoho == null && type.UserCount.HasValue ? type.UserCount + " users" : "users";
            var message = "User type " + Describe(type) + " in portal '" + portal + "' still has " + count
                + ", and Zoho deletes only user types without users; nothing was deleted. Use -TransferUsersTo to move them to another user type first."
                + (zoho == null ? string.Empty : " Zoho: " + zoho.ZohoMessage);
            var exception = (System.Exception?)zoho ?? new ZohoPortalCmdletException("UserTypeHasUsers", ErrorCategory.InvalidOperation, message, type);
            var record = new ErrorRecord(exception, "UserTypeHasUsers", ErrorCategory.InvalidOperation, type)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Remove-PortalUserType -Identity '" + type.Name.Replace("'", "''") + "' -TransferUsersTo <another user type>",
                },
            };
            return record;
        }
    }
}
