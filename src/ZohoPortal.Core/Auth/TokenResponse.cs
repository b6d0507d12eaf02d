using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Auth
{
    /// <summary>The accounts server's answer; on failure (even with HTTP 200; zoho-api.md "Limits and tokens") only "error" is set.</summary>
    internal sealed class TokenResponse
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
        [JsonPropertyName("api_domain")] public string? ApiDomain { get; set; }
        [JsonPropertyName("token_type")] public string? TokenType { get; set; }
        [JsonPropertyName("expires_in")] public long? ExpiresIn { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
        [JsonPropertyName("error_description")] public string? ErrorDescription { get; set; }
    }
}
