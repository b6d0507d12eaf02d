using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ZohoPortal.Emulator;

namespace ZohoPortal.Emulator.Tests;

/// <summary>The emulator as a plain HTTP client sees it, in-process and over loopback.</summary>
public sealed class EmulatorProtocolTests
{
    private static async Task<string> TokenAsync(HttpClient http, Uri baseUrl, ZohoEmulator emulator)
    {
        // Query-string parameters, the way Zoho's own docs show the call.
        var url = new Uri(baseUrl, "/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
            + "&client_secret=" + ZohoEmulator.DemoClientSecret + "&refresh_token=" + Uri.EscapeDataString(emulator.CreateRefreshToken()));
        using var response = await http.PostAsync(url, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", doc.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, doc.RootElement.GetProperty("expires_in").GetInt32());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    private static HttpRequestMessage Api(HttpMethod method, Uri baseUrl, string path, string token, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    [Fact]
    public async Task OverLoopback_PlainHttpClient_GetsTokenThenPortalsInTheDocumentedShape()
    {
        var emulator = new ZohoEmulator();
        using var server = EmulatorServer.Start(emulator);
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.Port);
        using var http = new HttpClient();
        var token = await TokenAsync(http, server.BaseUrl, emulator);

        using var response = await http.SendAsync(Api(HttpMethod.Get, server.BaseUrl, "/crm/v8/settings/portals", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var portal = doc.RootElement.GetProperty("portals")[0];
        var keys = portal.EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "active", "created_by", "created_time", "modified_by", "modified_time", "name", "zaid" }, keys);
        Assert.Equal("ZylkerAutos", portal.GetProperty("name").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$", portal.GetProperty("created_time").GetString());
        Assert.Equal(JsonValueKind.String, portal.GetProperty("created_by").GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task OverLoopback_ConnectionResetFault_DropsTheConnection()
    {
        var emulator = new ZohoEmulator();
        using var server = EmulatorServer.Start(emulator);
        using var http = new HttpClient();
        var token = await TokenAsync(http, server.BaseUrl, emulator);
        emulator.Faults.Add(ZohoPortal.Emulator.Faults.FaultKind.ConnectionReset);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Api(HttpMethod.Get, server.BaseUrl, "/crm/v8/settings/portals", token)));
        Assert.Equal(0, emulator.RequestLog.Entries.Last().Status);
    }

    [Theory]
    [InlineData("GET", "/crm/v8/settings/nothing_here", null, 404, "INVALID_URL_PATTERN")]
    [InlineData("GET", "/crm/v3/settings/portals", null, 404, "INVALID_URL_PATTERN")]
    [InlineData("PATCH", "/crm/v8/settings/portals", null, 400, "INVALID_REQUEST_METHOD")]
    [InlineData("POST", "/crm/v8/settings/portals", "{\"portals\":[{\"name\":", 400, "JSON_PARSE_ERROR")]
    [InlineData("POST", "/crm/v8/settings/portals", "[1,2]", 400, "INVALID_DATA")]
    [InlineData("POST", "/crm/v8/settings/portals", "{\"portals\":[{\"name\":\"Alpha1\",\"name\":\"Beta12\"}]}", 400, "JSON_PARSE_ERROR")]
    [InlineData("POST", "/crm/v8/Contacts/actions/portal_invite", "{\"data\":[{\"id\":\"1\"}],\"data\":[]}", 400, "JSON_PARSE_ERROR")]
    [InlineData("GET", "/crm/v8/settings/portals/NoSuchPortal/user_type", null, 400, "INVALID_DATA")]
    public async Task BadRequests_GetZohosErrorAnswers(string method, string path, string? body, int status, string code)
    {
        var emulator = new ZohoEmulator();
        using var http = new HttpClient(emulator.CreateHandler());
        var token = await TokenAsync(http, emulator.Options.BaseUrl, emulator);
        using var response = await http.SendAsync(Api(new HttpMethod(method), emulator.Options.BaseUrl, path, token, body));
        Assert.Equal(status, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetString());
        Assert.Equal("error", doc.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null, 401, "AUTHENTICATION_FAILURE")]
    [InlineData("1000.not.a.token", 401, "INVALID_TOKEN")]
    public async Task MissingOrUnknownToken_Is401(string? token, int status, string code)
    {
        var emulator = new ZohoEmulator();
        using var http = new HttpClient(emulator.CreateHandler());
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Options.BaseUrl, "/crm/v8/settings/portals"));
        if (token != null) request.Headers.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken " + token);
        using var response = await http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_KillsTheRefreshTokenAndItsAccessTokens()
    {
        var emulator = new ZohoEmulator();
        using var http = new HttpClient(emulator.CreateHandler());
        var refresh = emulator.CreateRefreshToken();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ZohoEmulator.DemoClientId,
            ["client_secret"] = ZohoEmulator.DemoClientSecret, ["refresh_token"] = refresh,
        });
        using var minted = JsonDocument.Parse(await (await http.PostAsync(new Uri(emulator.Options.BaseUrl, "/oauth/v2/token"), form)).Content.ReadAsStringAsync());
        var access = minted.RootElement.GetProperty("access_token").GetString()!;

        var revoke = await http.PostAsync(new Uri(emulator.Options.BaseUrl, "/oauth/v2/token/revoke?token=" + Uri.EscapeDataString(refresh)), null);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        using var after = await http.SendAsync(Api(HttpMethod.Get, emulator.Options.BaseUrl, "/crm/v8/settings/portals", access));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain(refresh, string.Join(" ", emulator.RequestLog.Entries.Select(e => e.ToString())));
    }
}
