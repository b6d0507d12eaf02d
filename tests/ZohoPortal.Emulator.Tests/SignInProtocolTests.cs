using System.Net;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// The emulator's device authorization and client-credentials grant as a plain HTTP client sees
/// them (Zoho's parameters and answers, issue 13), without any ZohoPortal client code.
/// </summary>
public sealed class SignInProtocolTests
{
    private static async Task<JsonNode> PostAsync(HttpClient http, string path, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // Zoho answers OAuth errors with 200 too
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static Dictionary<string, string> Poll(string deviceCode) => new()
    {
        ["client_id"] = ZohoEmulator.DemoClientId,
        ["client_secret"] = ZohoEmulator.DemoClientSecret,
        ["grant_type"] = "device_token",
        ["code"] = deviceCode,
    };

    [Fact]
    public async Task ClientCredentials_NeedSoid_AndMintWithoutARefreshToken()
    {
        var emulator = new ZohoEmulator();
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.Options.BaseUrl };
        var form = new Dictionary<string, string>
        {
            ["client_id"] = ZohoEmulator.DemoClientId, ["client_secret"] = ZohoEmulator.DemoClientSecret,
            ["grant_type"] = "client_credentials", ["scope"] = "ZohoCRM.settings.clientportal.ALL",
        };

        Assert.Equal("missing_org_info", (string)(await PostAsync(http, "/oauth/v2/token", form))["error"]!);

        form["soid"] = "ZohoCRM." + ZohoEmulator.DemoOrganizationId;
        var token = await PostAsync(http, "/oauth/v2/token", form);
        Assert.StartsWith("1000.", (string)token["access_token"]!);
        Assert.Null(token["refresh_token"]);
        Assert.Equal(3600, (long)token["expires_in"]!);
    }

    [Fact]
    public async Task DeviceCode_PendingUntilApprovedOnThePage_ThenTokensOnce()
    {
        var emulator = new ZohoEmulator(new EmulatorOptions { DevicePollInterval = TimeSpan.Zero });
        using var server = EmulatorServer.Start(emulator);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var issued = await PostAsync(http, "/oauth/v3/device/code?client_id=" + ZohoEmulator.DemoClientId + "&grant_type=device_request&scope=ZohoCRM.settings.clientportal.ALL&access_type=offline",
            new Dictionary<string, string>());
        var deviceCode = (string)issued["device_code"]!;
        Assert.Equal(new Uri(server.BaseUrl, "oauth/v3/device").AbsoluteUri, (string)issued["verification_url"]!);
        Assert.Equal(300000, (long)issued["expires_in"]!); // milliseconds, as Zoho's reference gives them
        Assert.Equal("authorization_pending", (string)(await PostAsync(http, "/oauth/v3/device/token", Poll(deviceCode)))["error"]!);

        using var page = await http.GetAsync("/oauth/v3/device");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        using var unknown = await http.PostAsync("/oauth/v3/device", new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = "NOPE-NOPE", ["action"] = "approve" }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var approved = await http.PostAsync("/oauth/v3/device", new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = (string)issued["user_code"]!, ["action"] = "approve" }));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var tokens = await PostAsync(http, "/oauth/v3/device/token", Poll(deviceCode));
        Assert.StartsWith("1000.", (string)tokens["refresh_token"]!);
        Assert.Equal("invalid_code", (string)(await PostAsync(http, "/oauth/v3/device/token", Poll(deviceCode)))["error"]!); // used once
    }

    [Fact]
    public async Task DeviceCode_TwoPollsWithinTheInterval_HearSlowDown_AndABadSecretIsRefused()
    {
        var emulator = new ZohoEmulator(); // Zoho's 30 s, on the real clock: the second poll comes at once
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.Options.BaseUrl };
        var issued = await PostAsync(http, "/oauth/v3/device/code", new Dictionary<string, string>
        {
            ["client_id"] = ZohoEmulator.DemoClientId, ["grant_type"] = "device_request", ["scope"] = "ZohoCRM.settings.clientportal.ALL",
        });
        var deviceCode = (string)issued["device_code"]!;

        Assert.Equal("authorization_pending", (string)(await PostAsync(http, "/oauth/v3/device/token", Poll(deviceCode)))["error"]!);
        Assert.Equal("slow_down", (string)(await PostAsync(http, "/oauth/v3/device/token", Poll(deviceCode)))["error"]!);
        var wrong = Poll(deviceCode);
        wrong["client_secret"] = "not-the-secret";
        Assert.Equal("invalid_client_secret", (string)(await PostAsync(http, "/oauth/v3/device/token", wrong))["error"]!);
        Assert.Equal("invalid_scope", (string)(await PostAsync(http, "/oauth/v3/device/code", new Dictionary<string, string>
        {
            ["client_id"] = ZohoEmulator.DemoClientId, ["grant_type"] = "device_request",
        }))["error"]!);
    }
}
