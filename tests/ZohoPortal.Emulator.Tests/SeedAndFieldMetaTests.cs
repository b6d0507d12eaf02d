using System.Net;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator;

namespace ZohoPortal.Emulator.Tests;

/// <summary>The seed options for a second org (same CRM modules under other ids, no custom user types) and the fields metadata endpoint.</summary>
public sealed class SeedAndFieldMetaTests
{
    private static async Task<JsonNode> MetaAsync(EmulatorApi api, string module)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, "settings/portals/meta?module=" + module);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    private static IEnumerable<string> Ids(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "id" && p.Value is JsonValue v ? new[] { v.GetValue<string>() } : Ids(p.Value)),
        JsonArray a => a.SelectMany(Ids),
        _ => Array.Empty<string>(),
    };

    [Fact]
    public async Task IdPrefix_GivesTheSameModulesLayoutsViewsAndFields_UnderOtherIds()
    {
        using var a = new EmulatorApi();
        using var b = new EmulatorApi(new EmulatorSeed { IdPrefix = "2206319" });
        foreach (var personality in new[] { "Contacts", "Customer" })
        {
            var metaA = await MetaAsync(a, personality);
            var metaB = await MetaAsync(b, personality);
            Assert.All(Ids(metaB), id => Assert.StartsWith("2206319", id));
            Assert.All(Ids(metaA), id => Assert.StartsWith("1306462", id));
            Assert.Equal(Ids(metaA).Count(), Ids(metaB).Count());
            // Same names everywhere: the answers are equal once the prefix is swapped.
            Assert.Equal(metaA.ToJsonString(), metaB.ToJsonString().Replace("\"2206319", "\"1306462"));
        }
        var (_, typesB) = await b.SendAsync(HttpMethod.Get, "settings/portals/ZylkerAutos/user_type");
        Assert.All(typesB!["user_type"]!.AsArray(), t => Assert.StartsWith("2206319", t!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CustomUserTypesFalse_StartsWithTheDefaultUserTypeOnly()
    {
        using var api = new EmulatorApi(new EmulatorSeed { CustomUserTypes = false });
        var (status, body) = await api.SendAsync(HttpMethod.Get, "settings/portals/ZylkerAutos/user_type");
        Assert.Equal(HttpStatusCode.OK, status);
        var type = Assert.Single(body!["user_type"]!.AsArray());
        Assert.True(type!["default"]!.GetValue<bool>());
        Assert.Equal(25, type["no_of_users"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("0123456")]
    [InlineData("13064a2")]
    public void IdPrefix_MustBeSevenDigits(string prefix)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZohoEmulator(new EmulatorOptions { Seed = new EmulatorSeed { IdPrefix = prefix } }));
    }

    [Fact]
    public async Task FieldMeta_ListsAModulesFields_AndRefusesAnUnknownModule()
    {
        using var api = new EmulatorApi();
        var (status, body) = await api.SendAsync(HttpMethod.Get, "settings/fields?module=Contacts");
        Assert.Equal(HttpStatusCode.OK, status);
        var fields = body!["fields"]!.AsArray();
        Assert.Contains(fields, f => f!["api_name"]!.GetValue<string>() == "Email" && f["id"]!.GetValue<string>() == "1306462000000000563");
        Assert.Contains(fields, f => f!["api_name"]!.GetValue<string>() == "Last_Name" && f["system_mandatory"]!.GetValue<bool>());
        Assert.Contains(fields, f => f!["api_name"]!.GetValue<string>() == "Account_Name" && f["data_type"]!.GetValue<string>() == "lookup");

        var (bad, error) = await api.SendAsync(HttpMethod.Get, "settings/fields?module=Invoices");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("INVALID_MODULE", error!["code"]!.GetValue<string>());
        var (missing, error2) = await api.SendAsync(HttpMethod.Get, "settings/fields");
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("REQUIRED_PARAM_MISSING", error2!["code"]!.GetValue<string>());
    }
}
