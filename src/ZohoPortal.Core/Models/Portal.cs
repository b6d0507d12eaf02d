using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>A client portal of a Zoho CRM org (an org has at most one).</summary>
    public sealed class Portal
    {
        /// <summary>The portal name; also the key in every portal URL.</summary>
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        [JsonPropertyName("active")] public bool Active { get; set; }
        /// <summary>Zoho account id of the portal.</summary>
        [JsonPropertyName("zaid")] public string? Zaid { get; set; }
        [JsonPropertyName("login_url")] public string? LoginUrl { get; set; }
        [JsonPropertyName("created_time")] public DateTimeOffset? CreatedTime { get; set; }
        [JsonPropertyName("modified_time")] public DateTimeOffset? ModifiedTime { get; set; }
        /// <summary>Who created it, as Zoho sends it ({name, id}).</summary>
        [JsonPropertyName("created_by")] public ZohoUserRef? CreatedByInfo { get; set; }

        /// <summary>The name of <see cref="CreatedByInfo"/>, as text, so Where-Object, Sort-Object and CSV columns see what the view shows. Setting it replaces the reference.</summary>
        [JsonIgnore]
        public string? CreatedBy
        {
            get => CreatedByInfo?.Name;
            set => CreatedByInfo = value == null ? null : string.Equals(CreatedByInfo?.Name, value, StringComparison.Ordinal) ? CreatedByInfo : new ZohoUserRef { Name = value };
        }
        /// <summary>Who last changed it, as Zoho sends it ({name, id}).</summary>
        [JsonPropertyName("modified_by")] public ZohoUserRef? ModifiedByInfo { get; set; }

        /// <summary>The name of <see cref="ModifiedByInfo"/>, as text, so Where-Object, Sort-Object and CSV columns see what the view shows. Setting it replaces the reference.</summary>
        [JsonIgnore]
        public string? ModifiedBy
        {
            get => ModifiedByInfo?.Name;
            set => ModifiedByInfo = value == null ? null : string.Equals(ModifiedByInfo?.Name, value, StringComparison.Ordinal) ? ModifiedByInfo : new ZohoUserRef { Name = value };
        }

        /// <summary>The portal name again, under the name every other output uses, so a portal (or its CSV row) pipes into the cmdlets that take -Portal.</summary>
        [JsonIgnore] public string PortalName => Name;

        public override string ToString() => Name;
    }

    internal sealed class PortalsEnvelope
    {
        [JsonPropertyName("portals")] public List<Portal>? Portals { get; set; }
    }

    internal sealed class PortalInput
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
    }

    internal sealed class PortalsRequest
    {
        [JsonPropertyName("portals")] public List<PortalInput> Portals { get; set; } = new List<PortalInput>();
    }
}
