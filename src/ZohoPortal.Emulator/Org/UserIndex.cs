using System;
using System.Collections.Generic;
using System.Threading;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>
    /// The portal users of one user type, kept in listing order (creation order: ids grow, so by
    /// id length then id) as an immutable array. Writers (under the org's lock) publish a new
    /// array; readers take the current one without any lock, so listing a page costs the page's
    /// size, whatever the size of the org or of the type.
    /// </summary>
    internal sealed class UserIndex
    {
        private static readonly PortalUserState[] Empty = new PortalUserState[0];
        private PortalUserState[] _members = Empty;

        /// <summary>The users at this moment, in listing order. Never changed once read.</summary>
        public PortalUserState[] Snapshot => Volatile.Read(ref _members);

        public int Count => Snapshot.Length;

        /// <summary>Listing order: creation order, as ids grow with creation.</summary>
        public static int Compare(PortalUserState a, PortalUserState b)
        {
            var byLength = a.PersonalityId.Length.CompareTo(b.PersonalityId.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(a.PersonalityId, b.PersonalityId);
        }

        /// <summary>Publishes the members without <paramref name="removed"/> and with <paramref name="added"/>; one pass over the type. Call under the org's lock.</summary>
        public void Apply(HashSet<PortalUserState>? removed, List<PortalUserState>? added)
        {
            var current = Snapshot;
            if (added != null && added.Count > 1) added.Sort(Compare);
            // Sized for the most it can hold: "removed" may name users that are not members.
            var result = new PortalUserState[current.Length + (added?.Count ?? 0)];
            int i = 0, j = 0, n = 0;
            while (i < current.Length || (added != null && j < added.Count))
            {
                if (i < current.Length && removed != null && removed.Contains(current[i])) { i++; continue; }
                if (added != null && j < added.Count && (i >= current.Length || Compare(added[j], current[i]) < 0)) result[n++] = added[j++];
                else result[n++] = current[i++];
            }
            if (n != result.Length) Array.Resize(ref result, n);
            Volatile.Write(ref _members, result);
        }

        public void Clear() => Volatile.Write(ref _members, Empty);
    }
}
