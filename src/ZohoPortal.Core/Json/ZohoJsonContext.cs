using System.Collections.Generic;
using System.Text.Json.Serialization;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Json
{
    /// <summary>
    /// Source-generated serializers for every model (fast, reflection-free). All [JsonSerializable]
    /// lines must stay on this one declaration: the generator fails when they are split across
    /// partial declarations.
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
    // User types
    [JsonSerializable(typeof(UserTypesEnvelope))]
    [JsonSerializable(typeof(PortalUserType))]
    [JsonSerializable(typeof(PortalMetaEnvelope))]
    [JsonSerializable(typeof(FieldsEnvelope))]
    // Users
    [JsonSerializable(typeof(PortalUserPage))]
    [JsonSerializable(typeof(List<PortalUserFilter>))]
    // Invitations
    [JsonSerializable(typeof(InviteJobsEnvelope))]
    [JsonSerializable(typeof(BulkInviteRequest))]
    internal sealed partial class ZohoJsonContext : JsonSerializerContext
    {
    }
}
