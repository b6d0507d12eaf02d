using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// Zoho's model of the portal answers, checked on the wire as any client of the API sees them
/// (keys and JSON types per docs/zoho-api.md), and ids read whether sent as strings or numbers.
/// </summary>
public sealed class ApiShapeTests
{
    private readonly ZohoEmulator _emulator = new(new EmulatorOptions { Seed = new EmulatorSeed { UsersPerUserType = 3, ContactCount = 2 } });
    private readonly HttpClient _http;

    public ApiShapeTests() => _http = new HttpClient(_emulator.CreateHandler()) { BaseAddress = _emulator.Options.BaseUrl };

    private async Task<string> TokenAsync()
    {
        var url = "/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
                  + "&client_secret=" + ZohoEmulator.DemoClientSecret + "&refresh_token=" + Uri.EscapeDataString(_emulator.DemoRefreshToken);
        using var response = await _http.PostAsync(url, null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", await TokenAsync());
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Seed 002's create body with every id a JSON number of 19 digits (as typed SDKs send them).</summary>
    private const string NumericSeedBody = """
        {"user_type":[{"name":"Customer","personality_module":{"api_name":"Customer"},"active":true,
          "modules":[
            {"layouts":[{"id":1306462000000095055}],"permissions":{"view":true},
             "views":{"id":1306462000000091501,"type":"custom_view"},"filters":null,
             "fields":[{"id":1306462000000063924,"read_only":false}],
             "id":1306462000000000125,"shared_type":"private"},
            {"layouts":null,"views":null,"filters":null,"permissions":{"view":true},
             "id":1306462000000000147,"shared_type":"private"}]}]}
        """;

    [Fact]
    public async Task CreateUserType_WithTheSeedShapeAndNumericIds_IsAccepted_AndReadsBackAsStrings()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/crm/v8/settings/portals/ZylkerAutos/user_type", NumericSeedBody);

        Assert.Equal(HttpStatusCode.OK, status);
        var item = body!["user_type"]![0]!;
        Assert.Equal("SUCCESS", item["code"]!.GetValue<string>());
        var id = item["details"]!["id"]!.GetValue<string>();

        var (_, created) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type/" + id);
        var customer = created!["user_type"]![0]!["modules"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "1306462000000000125")!;
        Assert.Equal("1306462000000063924", customer["fields"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("1306462000000095055", customer["layouts"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateUserType_WithTheSeedsTwentyDigitFieldIdAsANumber_IsAccepted()
    {
        // The seed prints the field id with 20 digits, beyond a 64-bit integer: read as its digits, not as a long.
        var body = NumericSeedBody.Replace("1306462000000063924", "18936550000000063924");

        var (status, answer) = await SendAsync(HttpMethod.Post, "/crm/v8/settings/portals/ZylkerAutos/user_type", body);

        Assert.True(status == HttpStatusCode.OK, answer?.ToJsonString());
    }

    [Fact]
    public async Task UserTypeModules_Layouts_CarryDefaultView_WithZohosKeys()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type?include=modules");

        var layouts = body!["user_type"]!.AsArray()
            .SelectMany(t => t!["modules"]!.AsArray())
            .Where(m => m!["layouts"] is JsonArray)
            .SelectMany(m => m!["layouts"]!.AsArray()).ToList();
        Assert.NotEmpty(layouts);
        foreach (var layout in layouts)
        {
            Assert.Equal(new[] { "_default_view", "display_label", "id", "name" }, layout!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
            var view = layout["_default_view"]!.AsObject();
            Assert.Equal(new[] { "display_label", "id", "name", "type" }, view.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains(view["type"]!.GetValue<string>(), new[] { "layout", "wizard" });
            Assert.All(view, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        }
    }

    [Fact]
    public async Task UserType_HasEveryKeyOfZohosModel_WithItsJsonType()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type?include=modules");
        var type = body!["user_type"]![0]!.AsObject();

        var expected = new Dictionary<string, JsonValueKind>
        {
            ["id"] = JsonValueKind.String, ["name"] = JsonValueKind.String, ["default"] = JsonValueKind.True, ["active"] = JsonValueKind.True,
            ["personality_module"] = JsonValueKind.Object, ["no_of_users"] = JsonValueKind.Number,
            ["created_time"] = JsonValueKind.String, ["modified_time"] = JsonValueKind.String,
            ["created_by"] = JsonValueKind.Object, ["modified_by"] = JsonValueKind.Object, ["modules"] = JsonValueKind.Array,
        };
        foreach (var (key, kind) in expected) Assert.Equal(kind, type[key]!.GetValueKind());
        Assert.Equal(new[] { "api_name", "id", "plural_label" }, type["personality_module"]!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        var module = type["modules"]![0]!.AsObject();
        foreach (var key in new[] { "id", "api_name", "plural_label", "shared_type", "permissions", "filters", "fields", "layouts", "views" })
            Assert.True(module.ContainsKey(key), "module lacks " + key);
    }

    [Fact]
    public async Task PortalUsers_HaveEveryKeyOfZohosModel_AndTheInfoBlock()
    {
        var (_, types) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type");
        var id = types!["user_type"]![0]!["id"]!.GetValue<string>();

        var (_, body) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type/" + id + "/users?per_page=2&page=2");

        var user = body!["users"]![0]!.AsObject();
        Assert.Equal(new[] { "active", "confirm", "email", "invited_time", "module", "name", "personality_id", "status_reason__s" },
            user.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.String, user["personality_id"]!.GetValueKind());
        var info = body["info"]!;
        Assert.Equal(2, info["per_page"]!.GetValue<int>());
        Assert.Equal(2, info["page"]!.GetValue<int>());
        Assert.Equal(1, info["count"]!.GetValue<int>());
        Assert.Equal(3, info["total_count"]!.GetValue<int>());
        Assert.False(info["more_records"]!.GetValue<bool>());
    }
}
