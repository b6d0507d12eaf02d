using System;
using System.Collections.Generic;
using System.Threading;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>
    /// The portal users of one user type. A change costs the size of the change (a transfer or
    /// delete of 200 users touches 200 entries, whatever the size of the type), and the listing
    /// order (creation order: ids grow, so by id length then id) is built again only when someone
    /// lists after a change, then published as an immutable array that readers take without any
    /// lock. So a run of transfers costs its batches, and a run of pages costs one sort and its pages.
    /// </summary>
    internal sealed class UserIndex
    {
        private static readonly PortalUserState[] Empty = new PortalUserState[0];
        // Guards _members and the rebuild; writers also hold the org's lock, taken first.
        private readonly object _gate = new object();
        private readonly HashSet<PortalUserState> _members = new HashSet<PortalUserState>();
        // The members in listing order, or null after a change until the next reader sorts them.
        private PortalUserState[]? _ordered = Empty;

        /// <summary>The users at this moment, in listing order. Never changed once read.</summary>
        public PortalUserState[] Snapshot
        {
            get
            {
                var ordered = Volatile.Read(ref _ordered);
                if (ordered != null) return ordered;
                lock (_gate)
                {
                    if (_ordered != null) return _ordered;
                    var sorted = new PortalUserState[_members.Count];
                    _members.CopyTo(sorted);
                    Array.Sort(sorted, Compare);
                    Volatile.Write(ref _ordered, sorted);
                    return sorted;
                }
            }
        }

        public int Count
        {
            get { lock (_gate) return _members.Count; }
        }

        /// <summary>Listing order: creation order, as ids grow with creation.</summary>
        public static int Compare(PortalUserState a, PortalUserState b)
        {
            var byLength = a.PersonalityId.Length.CompareTo(b.PersonalityId.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(a.PersonalityId, b.PersonalityId);
        }

        /// <summary>Removes <paramref name="removed"/> (users that are not members are ignored) and adds <paramref name="added"/>. Call under the org's lock.</summary>
        public void Apply(HashSet<PortalUserState>? removed, List<PortalUserState>? added)
        {
            lock (_gate)
            {
                var changed = false;
                if (removed != null) foreach (var user in removed) changed |= _members.Remove(user);
                if (added != null) foreach (var user in added) changed |= _members.Add(user);
                if (changed) Volatile.Write(ref _ordered, null);
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _members.Clear();
                Volatile.Write(ref _ordered, Empty);
            }
        }
    }
}
