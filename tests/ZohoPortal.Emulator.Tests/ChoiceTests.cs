using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>The emulator's choices where Zoho is silent (EmulatorChoices, docs/zoho-api.md "Choices where Zoho is silent").</summary>
public sealed class ChoiceTests
{
    private readonly ZohoEmulator _emulator = new(new EmulatorOptions { Seed = new EmulatorSeed { UsersPerUserType = 10, ContactCount = 0 } });
    private readonly HttpClient _http;

    public ChoiceTests() => _http = new HttpClient(_emulator.CreateHandler()) { BaseAddress = _emulator.Options.BaseUrl };

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path)
    {
        using var token = await _http.PostAsync("/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
            + "&client_secret=" + ZohoEmulator.DemoClientSecret + "&refresh_token=" + Uri.EscapeDataString(_emulator.DemoRefreshToken), null);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", accessToken);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task DeactivatingAnInactiveUser_Succeeds_AndChangesNothing()
    {
        Assert.True(EmulatorChoices.DeactivatingAnInactiveUserSucceeds);
        var (_, types) = await SendAsync(HttpMethod.Get, "/crm/v8/settings/portals/ZylkerAutos/user_type");
        var typeId = types!["user_type"]![0]!["id"]!.GetValue<string>();
        var users = "/crm/v8/settings/portals/ZylkerAutos/user_type/" + typeId + "/users";
        var (_, inactive) = await SendAsync(HttpMethod.Get, users + "?type=DeactiveUsers");
        var user = inactive!["users"]!.AsArray().First(u => u!["confirm"]!.GetValue<bool>())!;
        var id = user["personality_id"]!.GetValue<string>();
        var before = inactive["info"]!["total_count"]!.GetValue<int>();

        var (status, answer) = await SendAsync(HttpMethod.Put, users + "/" + id + "/actions/change_status?active=false");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SUCCESS", answer!["change_status"]![0]!["code"]!.GetValue<string>());
        var (_, after) = await SendAsync(HttpMethod.Get, users + "?type=DeactiveUsers");
        Assert.Equal(before, after!["info"]!["total_count"]!.GetValue<int>());
        Assert.Contains(after["users"]!.AsArray(), u => u!["personality_id"]!.GetValue<string>() == id && u["status_reason__s"] is not null);
    }

    [Fact]
    public void SeedIdSpellings_MapOnlyImpossibleIds_ToIdsOfAtMost19Digits()
    {
        Assert.All(EmulatorChoices.SeedIdSpellings, pair =>
        {
            Assert.True(pair.Key.Length > 19 || !long.TryParse(pair.Key, out _), pair.Key + " is a possible Zoho id: it must not be remapped.");
            Assert.InRange(pair.Value.Length, 18, 19);
            Assert.True(long.TryParse(pair.Value, out _));
        });
        Assert.Equal("1306462000000063924", EmulatorChoices.CanonicalId("18936550000000063924"));
        Assert.Equal("1306462000000000125", EmulatorChoices.CanonicalId("1306462000000000125"));
    }

    [Fact]
    public void DemoOrg_SeedsOnlyRealisticIds()
    {
        var org = new ZohoEmulator(new EmulatorOptions { Seed = new EmulatorSeed { UsersPerUserType = 5, ContactCount = 5 } }).Org;
        var ids = org.Modules.Values.SelectMany(m => new[] { m.Id }
                .Concat(m.Layouts.Select(l => l.Id)).Concat(m.Layouts.Where(l => l.DefaultView != null).Select(l => l.DefaultView!.Id))
                .Concat(m.Views.Select(v => v.Id)).Concat(m.Fields.Select(f => f.Id)).Concat(m.Filters.Select(f => f.Id)))
            .Concat(org.Records.Keys).Concat(org.UserTypes.Select(t => t.Id)).ToList();

        Assert.True(ids.Count > 20, "too few ids checked: " + ids.Count);
        Assert.All(ids, id => Assert.True(id.Length <= 19 && long.TryParse(id, out _), id + " is not a realistic Zoho id (at most 19 digits)."));
    }
}
