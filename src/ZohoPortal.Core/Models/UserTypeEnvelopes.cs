using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    internal sealed class UserTypesEnvelope
    {
        [JsonPropertyName("user_type")] public List<PortalUserType>? UserTypes { get; set; }
    }
}
