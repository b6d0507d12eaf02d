using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>The job-status answer {"portal_invite":[{data,job_id,status},...]} (seed 000).</summary>
    internal sealed class InviteJobsEnvelope
    {
        [JsonPropertyName("portal_invite")] public List<InviteJobBody>? Jobs { get; set; }
    }

    internal sealed class InviteJobBody
    {
        /// <summary>Null while the job is in progress.</summary>
        [JsonPropertyName("data")] public List<ZohoActionResult>? Data { get; set; }
        [JsonPropertyName("job_id")] public string? JobId { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
    }

    /// <summary>The bulk-invite body {"portal_invite":[{"data":[{id,user_type_id,type,language}]}]} (zoho-api.md "Invitations").</summary>
    internal sealed class BulkInviteRequest
    {
        [JsonPropertyName("portal_invite")] public List<BulkInviteGroup> PortalInvite { get; set; } = new List<BulkInviteGroup>();
    }

    internal sealed class BulkInviteGroup
    {
        [JsonPropertyName("data")] public List<BulkInviteItem> Data { get; set; } = new List<BulkInviteItem>();
    }

    internal sealed class BulkInviteItem
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("user_type_id")] public string UserTypeId { get; set; } = string.Empty;
        [JsonPropertyName("type")] public string Type { get; set; } = "invite";
        [JsonPropertyName("language")] public string? Language { get; set; }
    }
}
