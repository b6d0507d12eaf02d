using System.Collections.Generic;
using System.Text.Json.Serialization;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Json
{
    /// <summary>
    /// Source-generated serializers for every model (fast, reflection-free). Each feature area adds
    /// its own [JsonSerializable] lines on a partial declaration in its own file.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(FlexibleStringConverter) })]
    [JsonSerializable(typeof(ZohoErrorBody))]
    [JsonSerializable(typeof(ZohoActionResult))]
    [JsonSerializable(typeof(List<ZohoActionResult>))]
    [JsonSerializable(typeof(TokenResponse))]
    [JsonSerializable(typeof(PortalsEnvelope))]
    [JsonSerializable(typeof(PortalsRequest))]
    internal sealed partial class ZohoJsonContext : JsonSerializerContext
    {
    }
}
