using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>
    /// The configuration file's serializer: camelCase keys, indented, nulls left out, and unknown
    /// keys refused (a misspelt "permisions" must not be read as "no permissions").
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(PortalConfiguration))]
    internal sealed partial class PortalConfigurationJsonContext : JsonSerializerContext
    {
    }
}
