using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>One field of a CRM module, as Zoho's Fields Metadata API lists it (GET /settings/fields?module=).</summary>
    public sealed class CrmFieldMeta
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("api_name")] public string ApiName { get; set; } = string.Empty;
        [JsonPropertyName("field_label")] public string? FieldLabel { get; set; }
        [JsonPropertyName("data_type")] public string? DataType { get; set; }
        [JsonPropertyName("system_mandatory")] public bool? SystemMandatory { get; set; }

        /// <summary>The module asked for (set by the client).</summary>
        [JsonIgnore] public string? Module { get; set; }

        public override string ToString() => ApiName;
    }

    internal sealed class FieldsEnvelope
    {
        [JsonPropertyName("fields")] public List<CrmFieldMeta>? Fields { get; set; }
    }
}
