using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// A membership sync as planned, before anything is sent: one step per person, and the rows
    /// that could not be planned. <see cref="IsRefused"/> means nothing may be sent.
    /// </summary>
    public sealed class PortalUserSyncPlan
    {
        public PortalUserSyncPlan(string portal, IReadOnlyList<PortalUserSyncStep> steps, IReadOnlyList<PortalMembershipRowError> rowErrors)
        {
            Portal = portal;
            Steps = steps;
            RowErrors = rowErrors;
        }

        public string Portal { get; }

        /// <summary>Every step: listed rows in input order, then the users the list does not name.</summary>
        public IReadOnlyList<PortalUserSyncStep> Steps { get; }

        /// <summary>Rows that could not be planned, in input order.</summary>
        public IReadOnlyList<PortalMembershipRowError> RowErrors { get; }

        /// <summary>True when a row error forbids sending anything.</summary>
        public bool IsRefused => RowErrors.Any(e => e.BlocksSync);

        /// <summary>The steps that send a request.</summary>
        public IEnumerable<PortalUserSyncStep> Changes => Steps.Where(s => s.IsChange);

        /// <summary>List requests made to read the portal's users for this plan (user types included).</summary>
        public int ReadRequests { get; set; }

        /// <summary>How many steps of <paramref name="action"/> the plan holds.</summary>
        public int Count(PortalUserSyncAction action) => Steps.Count(s => s.Action == action);

        /// <summary>"300 Invite, 200 Move, 100 Disable, 400 Unchanged".</summary>
        public string Summary() =>
            string.Join(", ", Steps.GroupBy(s => s.Action).OrderBy(g => g.Key).Select(g => g.Count() + " " + g.Key))
            + (RowErrors.Count == 0 ? string.Empty : "; " + RowErrors.Count + (RowErrors.Count == 1 ? " row" : " rows") + " in error");

        public override string ToString() => Summary();
    }
}
