using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>Which users of a user type to list (the API's "type" parameter, zoho-api.md "Users").</summary>
    public enum PortalUserStatus
    {
        /// <summary>AllUsers</summary>
        All,
        /// <summary>ActiveUsers</summary>
        Active,
        /// <summary>DeactiveUsers</summary>
        Deactivated,
        /// <summary>ConfirmedUsers</summary>
        Confirmed,
        /// <summary>NotConfirmedUsers</summary>
        NotConfirmed,
        /// <summary>ActiveConfirmedUsers</summary>
        ActiveConfirmed,
    }

    /// <summary>The "info" block of a users page.</summary>
    public sealed class PageInfo
    {
        [JsonPropertyName("per_page")] public int? PerPage { get; set; }
        [JsonPropertyName("count")] public int? Count { get; set; }
        [JsonPropertyName("page")] public int? Page { get; set; }
        [JsonPropertyName("more_records")] public bool? MoreRecords { get; set; }
        [JsonPropertyName("total_count")] public int? TotalCount { get; set; }
    }

    /// <summary>One page of portal users.</summary>
    public sealed class PortalUserPage
    {
        [JsonPropertyName("users")] public List<PortalUser> Users { get; set; } = new List<PortalUser>();
        [JsonPropertyName("info")] public PageInfo? Info { get; set; }
    }
}
