using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// One entry of the users list's "filters" parameter (zoho-api.md "Users"). Zoho filters only on
    /// status_reason__s, with the comparators equal and not_equal.
    /// </summary>
    public sealed class PortalUserFilter
    {
        /// <summary>The field Zoho filters on; status_reason__s is the only one it supports.</summary>
        public const string StatusReasonField = "status_reason__s";

        [JsonPropertyName("field")] public string Field { get; set; } = StatusReasonField;
        [JsonPropertyName("value")] public string Value { get; set; } = string.Empty;
        /// <summary>equal or not_equal.</summary>
        [JsonPropertyName("comparator")] public string Comparator { get; set; } = "equal";

        public static PortalUserFilter StatusReasonEquals(string value) => new PortalUserFilter { Value = value, Comparator = "equal" };
        public static PortalUserFilter StatusReasonNotEquals(string value) => new PortalUserFilter { Value = value, Comparator = "not_equal" };
    }

    /// <summary>What to list: which users (status, filters, ids) and which slice of them (skip, first).</summary>
    public sealed class PortalUserQuery
    {
        /// <summary>The API's "type" value (zoho-api.md "Users").</summary>
        public PortalUserStatus Status { get; set; } = PortalUserStatus.All;
        public List<PortalUserFilter> Filters { get; set; } = new List<PortalUserFilter>();
        /// <summary>Only these users (sent as personality_ids, and also checked on our side in case a server ignores the parameter).</summary>
        public List<string>? PersonalityIds { get; set; }
        /// <summary>Users to leave out from the start of the list.</summary>
        public long Skip { get; set; }
        /// <summary>Most users to return; null for all.</summary>
        public long? First { get; set; }
        /// <summary>
        /// Pages read ahead of the consumer once it has taken the first page: null for the
        /// connection's MaxConcurrency (at most <see cref="ZohoPortalClient.MaxReadAheadPages"/>), 0 for
        /// one page after another, which a caller changing the listed user type while it lists must
        /// ask for (the pages would shift under a concurrent read).
        /// </summary>
        public int? ReadAhead { get; set; }
    }

    /// <summary>What a listing did: users returned and skipped, and the total when Zoho told it.</summary>
    public sealed class PortalUserListing
    {
        public long Returned { get; set; }
        public long Skipped { get; set; }
        /// <summary>Users matching the query in that user type (info.total_count of the last page read), when known.</summary>
        public long? TotalCount { get; set; }
        /// <summary>The total Zoho gave with the first page read, when it gave one.</summary>
        public long? FirstTotalCount { get; set; }
        /// <summary>
        /// True when a later page reported another total than the first: users joined or left the
        /// type while it was read, and as Zoho pages by position, some may have been left out or
        /// handed over twice. (A consumer that changes the users it is handed does this.)
        /// </summary>
        public bool TotalChanged { get; set; }
        /// <summary>Pages requested.</summary>
        public int Requests { get; set; }
    }

    /// <summary>A portal user named by its user type and id: enough to change its status.</summary>
    public sealed class PortalUserRef
    {
        public PortalUserRef() { }

        public PortalUserRef(string userTypeId, string personalityId)
        {
            UserTypeId = userTypeId;
            PersonalityId = personalityId;
        }

        public string UserTypeId { get; set; } = string.Empty;
        public string PersonalityId { get; set; } = string.Empty;

        public override string ToString() => PersonalityId;
    }
}
