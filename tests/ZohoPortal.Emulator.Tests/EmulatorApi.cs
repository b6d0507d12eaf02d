using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// A plain HTTP client of one in-process emulator, as any client of Zoho's API would use it: a
/// token from /oauth/v2/token, then JSON requests with the Zoho-oauthtoken header. No ZohoPortal
/// client code is involved.
/// </summary>
internal sealed class EmulatorApi : IDisposable
{
    private readonly HttpClient _http;
    private string? _token;

    public EmulatorApi(EmulatorSeed? seed = null)
    {
        Emulator = new ZohoEmulator(new EmulatorOptions { Seed = seed ?? new EmulatorSeed(), JobDelay = TimeSpan.Zero });
        _http = new HttpClient(Emulator.CreateHandler()) { BaseAddress = Emulator.Options.BaseUrl };
    }

    public ZohoEmulator Emulator { get; }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, "/crm/v8/" + path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", _token);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The error of an answer: the item inside the wrapper array when wrapped, else the answer itself.</summary>
    public static JsonNode Error(JsonNode body, string wrapper) => body[wrapper] is JsonArray items ? items[0]! : body;

    private async Task<string> TokenAsync()
    {
        var url = "/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
                  + "&client_secret=" + ZohoEmulator.DemoClientSecret + "&refresh_token=" + Uri.EscapeDataString(Emulator.DemoRefreshToken);
        using var response = await _http.PostAsync(url, null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}
