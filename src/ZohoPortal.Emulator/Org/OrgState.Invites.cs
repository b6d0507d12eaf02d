using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Emulator.Org
{
    public sealed partial class OrgState
    {
        /// <summary>Bulk-invite jobs of every module, in submission order.</summary>
        internal List<InviteJobState> InviteJobs { get; } = new List<InviteJobState>();

        /// <summary>Bulk-invite jobs submitted so far (all modules).</summary>
        public int InviteJobCount { get { lock (Sync) return InviteJobs.Count; } }

        /// <summary>
        /// The CRM records of a personality module (default Contacts), oldest first: the records
        /// that can be invited, and those already portal users. Each has Id and Module, so the
        /// list pipes straight into Send-PortalInvite.
        /// </summary>
        public IReadOnlyList<EmulatedRecord> GetRecords(string module = "Contacts")
        {
            lock (Sync)
            {
                return Records.Values
                    .Where(r => string.Equals(r.Module, module, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.Id.Length).ThenBy(r => r.Id, StringComparer.Ordinal)
                    .Select(Snapshot)
                    .ToList();
            }
        }

        /// <summary>Adds a CRM record (a contact, by default) that can then be invited; a null email makes one Zoho refuses to invite.</summary>
        public EmulatedRecord AddRecord(string name, string? email, string module = "Contacts")
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A record needs a name.", nameof(name));
            lock (Sync)
            {
                if (!Modules.TryGetValue(module, out var known) || !known.CanBePersonality)
                    throw new ArgumentException("Module '" + module + "' is not a personality module of the emulated org.", nameof(module));
                var record = new CrmRecord { Id = Ids.Next(), Module = known.ApiName, Name = name, Email = email };
                Records[record.Id] = record;
                return Snapshot(record);
            }
        }

        private EmulatedRecord Snapshot(CrmRecord record) => new EmulatedRecord
        {
            Id = record.Id,
            Module = record.Module,
            Name = record.Name,
            Email = record.Email,
            IsPortalUser = Users.ContainsKey(record.Id),
        };
    }
}
