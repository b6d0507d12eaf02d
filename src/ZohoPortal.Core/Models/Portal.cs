using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>A client portal of a Zoho CRM org (an org has at most one).</summary>
    public sealed class Portal : ZohoAuditedObject
    {
        /// <summary>The portal name; also the key in every portal URL.</summary>
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        [JsonPropertyName("active")] public bool Active { get; set; }
        /// <summary>Zoho account id of the portal.</summary>
        [JsonPropertyName("zaid")] public string? Zaid { get; set; }
        [JsonPropertyName("login_url")] public string? LoginUrl { get; set; }

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
