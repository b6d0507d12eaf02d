using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// The steps of a plan that go out together (the moves from one type to another, the
    /// invitations into one type, the removals from one type ...) with the request plan the core
    /// sends for them. Each is confirmed on its own; its text is the request plan's.
    /// </summary>
    public sealed class PortalUserSyncOperation
    {
        internal PortalUserSyncOperation(PortalUserSyncAction action, string portal, IReadOnlyList<PortalUserSyncStep> steps,
            RequestPlan? userPlan, InvitePlan? invitePlan)
        {
            Action = action;
            Portal = portal;
            Steps = steps;
            UserPlan = userPlan;
            InvitePlan = invitePlan;
        }

        public PortalUserSyncAction Action { get; }
        public string Portal { get; }

        /// <summary>The steps, in the order their ids are sent.</summary>
        public IReadOnlyList<PortalUserSyncStep> Steps { get; }

        /// <summary>The transfer, status-change or deletion plan (null for invitations).</summary>
        public RequestPlan? UserPlan { get; }

        /// <summary>The bulk-invitation plan (null for the other actions).</summary>
        public InvitePlan? InvitePlan { get; }

        /// <summary>Calls the operation makes (job checks of invitations not counted).</summary>
        public int Calls => UserPlan?.Calls ?? InvitePlan?.Calls ?? 0;

        /// <summary>Removals, deactivations and invitations ask for confirmation as high-impact changes; moves do not.</summary>
        public bool IsHighImpact => Action != PortalUserSyncAction.Move;

        /// <summary>"200 users of portal 'ZylkerAutos' from 'Customers' (…) to 'Partners' (…)".</summary>
        public string Target
        {
            get
            {
                var first = Steps[0];
                var count = Steps.Count.ToString("N0", CultureInfo.InvariantCulture);
                switch (Action)
                {
                    case PortalUserSyncAction.Move:
                        return count + Users(Steps.Count) + " of portal '" + Portal + "' from " + Type(first.FromUserTypeName, first.FromUserTypeId)
                               + " to " + Type(first.UserTypeName, first.UserTypeId);
                    case PortalUserSyncAction.Invite:
                        return count + " " + first.Module + (Steps.Count == 1 ? " record" : " records") + " into portal '" + Portal + "' as "
                               + Type(first.UserTypeName, first.UserTypeId);
                    default:
                        return count + Users(Steps.Count) + " of " + Type(first.UserTypeName, first.UserTypeId) + " in portal '" + Portal + "' not in the list";
                }
            }
        }

        /// <summary>"Move (POST /settings/portals/…/users/action/transfer?transfer_To=…&amp;personality_ids=..., 1 call of at most 200 users)".</summary>
        public string Describe()
        {
            var verb = Action == PortalUserSyncAction.Disable ? "Deactivate" : Action.ToString();
            return verb + " (" + (UserPlan?.Describe() ?? InvitePlan?.Describe()) + ")";
        }

        public override string ToString() => Describe() + " on " + Target;

        private static string Users(int n) => n == 1 ? " user" : " users";

        private static string Type(string? name, string? id) => "'" + (name ?? id) + "' (" + id + ")";

        internal IEnumerable<string> Ids => Steps.Select(s => s.PersonalityId);
    }
}
