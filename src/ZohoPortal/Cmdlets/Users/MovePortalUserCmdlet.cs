using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Moves portal users to another user type.</para>
    /// <para type="description">Move-PortalUser transfers users from their user type to the -Destination user type (POST .../user_type/{id}/users/action/transfer). It collects every user from the pipeline first, groups them by source user type, and sends at most 200 ids per call (Zoho's synchronous limit), so 1,050 users take 6 calls, never one call per user; the calls run side by side, never more at once than the connection's MaxConcurrency, and results are written in input order. Each user that cannot be moved is one non-terminating error whose ErrorId is Zoho's code and whose TargetObject is that user; the others are moved. Users already in the destination are left as they are and count as moved. Silent unless -PassThru, which writes each moved user with its new user type. Past 200 users a progress bar shows; Ctrl+C starts no new call, lets the calls in flight finish, and names every user not processed in one error (in $Error[0] when the console refuses output).</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUser -UserType Customers -Status Active | Move-PortalUser -Destination Premium</code>
    /// <para>Moves every active user of the Customers user type to Premium, 200 users per call.</para>
    /// </example>
    /// <example>
    /// <code>Move-PortalUser -Id 1306462000000659009, 1306462000000659011 -UserType Customers -Destination Partners -PassThru</code>
    /// <para>Moves two users given by id from Customers to Partners and writes them with their new user type.</para>
    /// </example>
    /// <example>
    /// <code>Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners -WhatIf</code>
    /// <para>Shows which users would be moved and the calls it would take; sends nothing.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Move, "PortalUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PortalUser))]
    public sealed class MovePortalUserCmdlet : PortalUserBulkCmdlet
    {
        private readonly Dictionary<string, PortalUserType> _destinations = new Dictionary<string, PortalUserType>();

        #region Parameters

        /// <summary><para type="description">The user type to move the users to: its id, its name, or the object from Get-PortalUserType.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(UserTypeNameCompleter))]
        public UserTypeIdentity Destination { get; set; } = null!;

        #endregion

        protected override string Activity => "Moving";

        protected override int ProgressThreshold => ZohoPortalClient.MaxTransferBatch;

        #region Overrides

        protected override async Task PrepareAsync(IReadOnlyList<UserGroup> groups, CancellationToken cancellationToken)
        {
            foreach (var portal in groups.Select(g => g.Portal).Distinct())
            {
                CurrentTarget = Destination;
                _destinations[portal] = await Resolver.ResolveAsync(Destination, portal, PassThru, cancellationToken).ConfigureAwait(false);
            }
            CurrentTarget = null;
        }

        protected override bool ConfirmGroup(UserGroup group, string target)
        {
            var destination = _destinations[group.Portal];
            if (destination.Id == group.UserTypeId)
                return ShouldProcess(target, "Leave in user type '" + NameOf(destination) + "' (they are there already; no request)");
            // The core's plan is both the text shown here and what ExecuteAsync sends.
            group.Plan = Client.PlanUserTransfer(group.Portal, group.UserTypeId, destination.Id, group.Ids);
            return ShouldProcess(target, "Move to user type '" + NameOf(destination) + "' (" + group.Plan.Describe() + ")");
        }

        protected override async Task ExecuteAsync(IReadOnlyList<UserGroup> groups, BulkRun run)
        {
            var sending = new List<UserGroup>();
            foreach (var group in groups)
            {
                var destination = _destinations[group.Portal];
                if (destination.Id != group.UserTypeId)
                {
                    sending.Add(group);
                    continue;
                }
                EmitVerbose(group.Items.Count + " users are in user type '" + NameOf(destination) + "' already; nothing to send for them.");
                foreach (var item in group.Items)
                    Report(item, new ZohoActionResult { Code = "SUCCESS", Status = "success", Message = "Already in the destination user type." });
            }
            // Every group's batches are independent: one run, so they share the connection's concurrency window.
            await RunPlansAsync(sending.Select(g => (g.Plan!, (IReadOnlyList<UserItem>)g.Items)).ToList(), run).ConfigureAwait(false);
        }

        /// <summary>A destination given by id and not looked up has no name: it is shown by its id.</summary>
        private static string NameOf(PortalUserType type) => string.IsNullOrEmpty(type.Name) ? type.Id : type.Name;

        protected override PortalUser PassThruFor(UserItem item, ZohoActionResult result)
        {
            var copy = CopyOf(item);
            var destination = _destinations[item.Group.Portal];
            copy.UserTypeId = destination.Id;
            copy.UserTypeName = destination.Name;
            return copy;
        }

        #endregion
    }
}
