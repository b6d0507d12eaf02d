using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>A CRM user reference ({name, id}) as in created_by / modified_by.</summary>
    public sealed class ZohoUserRef
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }

        public override string ToString() => Name ?? Id ?? string.Empty;
    }
}
