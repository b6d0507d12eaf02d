using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// An invitation as the core will send it, described before it is sent: one record with the
    /// single-invite call, or bulk requests of at most <see cref="ZohoPortalClient.MaxInviteBatch"/>
    /// records in the body. Send-PortalInvite's confirmation text and -WhatIf read it, and
    /// <see cref="ZohoPortalClient.InviteRecordAsync(InvitePlan, System.Threading.CancellationToken)"/> and
    /// <see cref="ZohoPortalClient.StartBulkInviteAsync(InvitePlan, System.Action{PortalInviteSubmission}, System.Threading.CancellationToken)"/>
    /// send exactly these calls.
    /// </summary>
    public sealed class InvitePlan
    {
        internal InvitePlan(string module, IReadOnlyList<string> recordIds, string userTypeId, PortalInviteType type, string? language, bool bulk, string path)
        {
            Module = module;
            RecordIds = recordIds;
            UserTypeId = userTypeId;
            Type = type;
            Language = language;
            IsBulk = bulk;
            Path = path;
            var batches = new List<IReadOnlyList<string>>();
            var size = bulk ? ZohoPortalClient.MaxInviteBatch : 1;
            for (var offset = 0; offset < recordIds.Count; offset += size)
                batches.Add(recordIds.Skip(offset).Take(size).ToList());
            Batches = batches;
        }

        /// <summary>The personality module the records are in (Contacts, ...).</summary>
        public string Module { get; }

        /// <summary>The records, in the order they are sent.</summary>
        public IReadOnlyList<string> RecordIds { get; }

        /// <summary>The user type they are invited into.</summary>
        public string UserTypeId { get; }

        public PortalInviteType Type { get; }

        /// <summary>The invitation's language (normalised), or null for Zoho's default.</summary>
        public string? Language { get; }

        /// <summary>True for bulk invitations (jobs), false for the single-invite call.</summary>
        public bool IsBulk { get; }

        /// <summary>The path after /crm/{version} of every call.</summary>
        public string Path { get; }

        /// <summary>The records of each call, in order.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Batches { get; }

        /// <summary>Calls the plan makes.</summary>
        public int Calls => Batches.Count;

        /// <summary>"POST /Contacts/actions/portal_invite, 3 requests of up to 100 records" or "POST /Contacts/{id}/actions/portal_invite?type=invite".</summary>
        public string Describe()
        {
            if (!IsBulk) return "POST " + Path + "?type=" + (Type == PortalInviteType.Reinvite ? "reinvite" : "invite");
            return "POST " + Path + ", " + Calls.ToString("N0", CultureInfo.InvariantCulture) + (Calls == 1 ? " request" : " requests")
                   + " of up to " + ZohoPortalClient.MaxInviteBatch + " records";
        }

        public override string ToString() => Describe();
    }
}
