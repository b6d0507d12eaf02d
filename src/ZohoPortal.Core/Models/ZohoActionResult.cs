using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// One item of a Zoho action answer: {"code","details","message","status"}. Batch endpoints
    /// answer one per id, in 200, 207 or 400 responses alike (zoho-api.md "Mixed batches").
    /// </summary>
    public sealed class ZohoActionResult
    {
        [JsonPropertyName("code")] public string Code { get; set; } = string.Empty;
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("message")] public string Message { get; set; } = string.Empty;
        /// <summary>Zoho's details, each value as text (JSON text for nested values).</summary>
        [JsonPropertyName("details")] public Dictionary<string, string?> Details { get; set; } = new Dictionary<string, string?>();

        /// <summary>HTTP status of the answer that carried this item (0 when no answer arrived); set by the client.</summary>
        [JsonIgnore] public int HttpStatus { get; set; }

        [JsonIgnore] public bool IsSuccess => string.Equals(Status, "success", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>A detail value, or null when absent.</summary>
        public string? GetDetail(string key) => Details != null && Details.TryGetValue(key, out var v) ? v : null;

        public override string ToString() => Code + ": " + Message;
    }

    /// <summary>The top-level error body {"code","details","message","status"}.</summary>
    internal sealed class ZohoErrorBody
    {
        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("details")] public Dictionary<string, string?>? Details { get; set; }
    }
}
