using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// One change as the core will send it, described before it is sent: the method, the path,
    /// how many calls and how many items per call. Confirmation texts, -WhatIf and call counts
    /// are read from it, and the core's executors send exactly what it says (the same batches,
    /// the same path), so what -WhatIf printed is what a real run sends.
    /// </summary>
    public sealed class RequestPlan
    {
        internal RequestPlan(string method, string path, string? query, IReadOnlyList<string> items, int maxPerCall, string itemNoun,
            string portal, string userTypeId, string? targetId, bool? active = null)
        {
            Active = active;
            Portal = portal;
            UserTypeId = userTypeId;
            TargetId = targetId;
            Method = method;
            Path = path;
            Query = query;
            Items = items;
            MaxPerCall = maxPerCall;
            ItemNoun = itemNoun;
            var batches = new List<IReadOnlyList<string>>();
            for (var offset = 0; offset < items.Count; offset += maxPerCall)
                batches.Add(items.Skip(offset).Take(maxPerCall).ToList());
            Batches = batches;
        }

        /// <summary>GET, POST, PUT or DELETE.</summary>
        public string Method { get; }

        /// <summary>The path after /crm/{version}; "{id}" where each call names one item in the path.</summary>
        public string Path { get; }

        /// <summary>The query every call carries besides the items (e.g. transfer_To=...), or null.</summary>
        public string? Query { get; }

        /// <summary>The items (personality ids, ...) in the order they are sent.</summary>
        public IReadOnlyList<string> Items { get; }

        /// <summary>At most this many items per call (1 when the path names the item).</summary>
        public int MaxPerCall { get; }

        /// <summary>The items of each call, in order.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Batches { get; }

        /// <summary>Calls the plan makes.</summary>
        public int Calls => Batches.Count;

        private string ItemNoun { get; }

        /// <summary>The portal the plan acts in.</summary>
        public string Portal { get; }

        /// <summary>The user type the items are in.</summary>
        public string UserTypeId { get; }

        /// <summary>The user type they go to (a transfer), or null.</summary>
        public string? TargetId { get; }

        /// <summary>The status a status-change plan sets (true: activate), else null.</summary>
        internal bool? Active { get; }

        /// <summary>
        /// The same calls for all items but <paramref name="left"/> (users found already in the wanted
        /// state, say): what a run sends when the text promised to leave those alone.
        /// </summary>
        public RequestPlan Without(ICollection<string> left)
        {
            if (left == null) throw new ArgumentNullException(nameof(left));
            if (left.Count == 0) return this;
            return new RequestPlan(Method, Path, Query, Items.Where(i => !left.Contains(i)).ToList(), MaxPerCall, ItemNoun, Portal, UserTypeId, TargetId, Active);
        }

        /// <summary>"POST /settings/portals/P/user_type/1/users/action/transfer?transfer_To=2, 6 calls of at most 200 users".</summary>
        public string Describe()
        {
            var query = Query;
            // Batched calls carry the items in personality_ids; a per-item call names it in the path.
            if (MaxPerCall > 1) query = (query == null ? string.Empty : query + "&") + "personality_ids=...";
            var request = Method + " " + Path + (query == null ? string.Empty : "?" + query);
            var calls = Calls.ToString("N0", CultureInfo.InvariantCulture) + (Calls == 1 ? " call" : " calls");
            return request + ", " + calls + (MaxPerCall == 1 ? ", one per " + ItemNoun : " of at most " + MaxPerCall + " " + ItemNoun + "s");
        }

        public override string ToString() => Describe();
    }
}
