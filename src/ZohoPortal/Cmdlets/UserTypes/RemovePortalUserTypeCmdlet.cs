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
    /// <para type="description">The core plans the removal before anything changes, reading from Zoho what the real run needs: the user count (one one-user page), and with -TransferUsersTo the users themselves. -WhatIf makes the same reads and the same checks, so it refuses a type that still has users when no -TransferUsersTo is given, exactly as the real run does, and prints the calls the real run sends. Asks for confirmation unless -Force or -Confirm:$false is given.</para>
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
            var type = ResolveUserType(Identity, portal);
            CurrentTarget = type;
            var destination = TransferUsersTo == null ? null : ResolveUserType(TransferUsersTo, portal);

            // The core plans the removal with fresh reads (the count, the users to move) in -WhatIf and
            // in the real run alike, so both refuse the same things and the text shows the calls sent.
            var connection = ActiveConnection;
            var plan = RunAsync(ct => connection.Client.PlanUserTypeRemovalAsync(portal, type, destination, ct));
            if (plan.HasUsersWithoutDestination)
            {
                WriteError(HasUsers(type, portal, plan.UserCount, null));
                return;
            }

            var users = plan.UserCount.HasValue ? " with " + plan.UserCount + (plan.UserCount == 1 ? " user" : " users") : string.Empty;
            if (!ShouldProcessUnlessForced(Force, "User type " + Describe(type) + users + " in portal '" + portal + "'", plan.Describe())) return;

            UserTypeRemovalOutcome outcome;
            var activity = destination == null ? null : "Moving users of user type " + Describe(type) + " to " + Describe(destination);
            var showProgress = plan.Transfer != null && plan.Transfer.Items.Count > ProgressThreshold;
            try
            {
                outcome = RunAsync(ct => connection.Client.RunUserTypeRemovalAsync(plan,
                    (user, id, item) => EmitError(ErrorMapper.FromItem(item, item.HttpStatus == 0 ? 400 : item.HttpStatus, (object?)user ?? id,
                        "Moving user " + (user?.Name ?? id) + " to " + Describe(destination!))),
                    (done, total) =>
                    {
                        if (showProgress) EmitProgress(new ProgressRecord(1, activity, done + " of " + total + " users") { PercentComplete = done * 100 / total });
                    }, ct));
            }
            catch (ZohoApiException e) when (e.HttpStatus == 400 && e.Code == "INVALID_DATA" && e.Details.TryGetValue("param_name", out var p) && p == "transfer_To")
            {
                // Users arrived between the plan's count and the delete: Zoho refuses, and says so.
                WriteError(HasUsers(type, portal, null, e));
                return;
            }
            if (showProgress) WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            if (outcome.Failed > 0)
            {
                WriteError(ErrorMapper.ToErrorRecord(new ZohoPortalCmdletException("UserTypeNotEmptied", ErrorCategory.InvalidOperation,
                    outcome.Failed + " of " + (outcome.Moved + outcome.Failed) + " users of user type " + Describe(type) + " could not be moved to " + Describe(destination!)
                    + " (see the errors before this one); the user type was not deleted.", type,
                    "Fix or remove those users (Get-PortalUser), then run Remove-PortalUserType again."), type));
                return;
            }
            if (outcome.Moved > 0) WriteVerbose("Moved " + outcome.Moved + " users from " + Describe(type) + " to " + Describe(destination!) + ".");
            ForgetUserType(type);
        }

        #endregion

        /// <summary>The one error for "this user type still has users", whether we knew it or Zoho said so.</summary>
        private ErrorRecord HasUsers(PortalUserType type, string portal, long? userCount, ZohoApiException? zoho)
        {
            var count = zoho == null && userCount.HasValue ? userCount + (userCount == 1 ? " user" : " users") : "users";
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
