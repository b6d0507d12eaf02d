using System;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// When and by whom Zoho created and last changed an object (portals, user types). The people
    /// are text (their names), so Where-Object, Sort-Object and CSV columns see what the views
    /// show; Zoho's {name, id} references stay in the *Info properties.
    /// </summary>
    public abstract class ZohoAuditedObject
    {
        [JsonPropertyName("created_time")] public DateTimeOffset? CreatedTime { get; set; }
        [JsonPropertyName("modified_time")] public DateTimeOffset? ModifiedTime { get; set; }

        /// <summary>Who created it, as Zoho sends it ({name, id}).</summary>
        [JsonPropertyName("created_by")] public ZohoUserRef? CreatedByInfo { get; set; }

        /// <summary>Who last changed it, as Zoho sends it ({name, id}).</summary>
        [JsonPropertyName("modified_by")] public ZohoUserRef? ModifiedByInfo { get; set; }

        /// <summary>The name of <see cref="CreatedByInfo"/>. Setting it replaces the reference.</summary>
        [JsonIgnore]
        public string? CreatedBy
        {
            get => CreatedByInfo?.Name;
            set => CreatedByInfo = Named(CreatedByInfo, value);
        }

        /// <summary>The name of <see cref="ModifiedByInfo"/>. Setting it replaces the reference.</summary>
        [JsonIgnore]
        public string? ModifiedBy
        {
            get => ModifiedByInfo?.Name;
            set => ModifiedByInfo = Named(ModifiedByInfo, value);
        }

        private static ZohoUserRef? Named(ZohoUserRef? current, string? name) =>
            name == null ? null : string.Equals(current?.Name, name, StringComparison.Ordinal) ? current : new ZohoUserRef { Name = name };
    }
}
