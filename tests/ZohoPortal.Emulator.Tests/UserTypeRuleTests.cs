using System.Net;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// The emulator's user-type rules on raw create bodies (zoho-api.md "User types"): each broken
/// rule is refused with Zoho's code and the api_name / json_path of the culprit, and nothing is created.
/// </summary>
public sealed class UserTypeRuleTests
{
    private const string Path = "settings/portals/ZylkerAutos/user_type";
    private const string NotesEntry = """{"id":"1306462000000000147","shared_type":"private","permissions":{"view":true},"layouts":null,"views":null,"filters":null}""";
    private const string ContactsEntry = """{"id":"1306462000000000081","shared_type":"private","permissions":{"view":true},"layouts":[{"id":"1306462000000091055"}],"views":{"id":"1306462000000091500","type":"custom_view"},"filters":null}""";

    /// <summary>A valid Contacts user type whose Contacts entry has the keys of <paramref name="contactsOverride"/> replaced.</summary>
    private static string Body(string name, string contactsOverride)
    {
        var contacts = JsonNode.Parse(ContactsEntry)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(contactsOverride)!.AsObject().ToList()) contacts[key] = value?.DeepClone();
        return new JsonObject
        {
            ["user_type"] = new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["personality_module"] = new JsonObject { ["api_name"] = "Contacts" },
                ["modules"] = new JsonArray(contacts, JsonNode.Parse(NotesEntry)),
            }),
        }.ToJsonString();
    }

    private static async Task<JsonNode> RefusedAsync(EmulatorApi api, string body)
    {
        var (status, answer) = await api.SendAsync(HttpMethod.Post, Path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, api.Emulator.Org.UserTypeCount);
        return EmulatorApi.Error(answer!, "user_type");
    }

    [Fact]
    public async Task Create_ValidBody_IsAccepted()
    {
        using var api = new EmulatorApi();
        var (status, answer) = await api.SendAsync(HttpMethod.Post, Path, Body("Dealers", "{}"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SUCCESS", answer!["user_type"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(3, api.Emulator.Org.UserTypeCount);
    }

    [Theory]
    // view must be true
    [InlineData("Dealers", "{\"permissions\":{\"view\":false}}", "INVALID_DATA", "$.user_type[0].modules[0].permissions.view")]
    // layouts are required for a private module
    [InlineData("Dealers", "{\"layouts\":null}", "DEPENDENT_FIELD_MISSING", "$.user_type[0].modules[0].layouts")]
    // views are required where the module has views
    [InlineData("Dealers", "{\"views\":null}", "DEPENDENT_FIELD_MISSING", "$.user_type[0].modules[0].views")]
    // the view type must be the view's
    [InlineData("Dealers", "{\"views\":{\"id\":\"1306462000000091500\",\"type\":\"canvas_view\"}}", "INVALID_DATA", "$.user_type[0].modules[0].views.type")]
    // names are unique (case-insensitive)
    [InlineData("partners", "{}", "DUPLICATE_DATA", "$.user_type[0].name")]
    // the name pattern
    [InlineData("Bad!", "{}", "INVALID_DATA", "$.user_type[0].name")]
    // shared_type must match the module
    [InlineData("Dealers", "{\"shared_type\":\"public\"}", "INVALID_MODULE", "$.user_type[0].modules[0].shared_type")]
    // a field of another module
    [InlineData("Dealers", "{\"fields\":[{\"id\":\"1306462000000095201\",\"read_only\":false}]}", "INVALID_DATA", "$.user_type[0].modules[0].fields[0].id")]
    // a mandatory field cannot be read-only
    [InlineData("Dealers", "{\"fields\":[{\"id\":\"1306462000000000557\",\"read_only\":true}]}", "INVALID_DATA", "$.user_type[0].modules[0].fields[0].read_only")]
    // a filter that points at another personality module
    [InlineData("Dealers", "{\"filters\":[{\"id\":\"1306462000000095203\"}]}", "INVALID_DATA", "$.user_type[0].modules[0].filters[0].id")]
    // ids may come as JSON numbers, and are still checked
    [InlineData("Dealers", "{\"layouts\":[{\"id\":1306462000000095055}]}", "INVALID_DATA", "$.user_type[0].modules[0].layouts[0].id")]
    public async Task Create_BrokenRule_IsRefusedWithApiNameAndJsonPath(string name, string contactsOverride, string code, string jsonPath)
    {
        using var api = new EmulatorApi();

        var error = await RefusedAsync(api, Body(name, contactsOverride));

        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal("error", error["status"]!.GetValue<string>());
        Assert.Equal(jsonPath, error["details"]!["json_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_RepeatedJsonKey_IsJsonParseError()
    {
        using var api = new EmulatorApi();
        var error = await RefusedAsync(api, """{"user_type":[{"name":"A","name":"B"}]}""");
        Assert.Equal("JSON_PARSE_ERROR", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_FieldWithoutReadOnly_IsTopLevelRequiredParamMissing()
    {
        using var api = new EmulatorApi();
        var (_, answer) = await api.SendAsync(HttpMethod.Post, Path, Body("Dealers", "{\"fields\":[{\"id\":\"1306462000000000563\"}]}"));
        Assert.Null(answer!["user_type"]);
        Assert.Equal("REQUIRED_PARAM_MISSING", answer["code"]!.GetValue<string>());
        Assert.Equal("read_only", answer["details"]!["api_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ModuleNotRelated_IsInvalidModule()
    {
        using var api = new EmulatorApi();
        // Cases is linked to Contacts only, so it cannot be in a Customer user type.
        var error = await RefusedAsync(api, """{"user_type":[{"name":"Dealers","personality_module":{"api_name":"Customer"},"modules":[{"id":"1306462000000000135","shared_type":"private","permissions":{"view":true},"layouts":[{"id":"1306462000000095081"}],"views":{"id":"1306462000000091531","type":"custom_view"}}]}]}""");
        Assert.Equal("INVALID_MODULE", error["code"]!.GetValue<string>());
        Assert.Equal("$.user_type[0].modules[0].id", error["details"]!["json_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutPermissions_IsMandatoryNotFound()
    {
        using var api = new EmulatorApi();
        var error = await RefusedAsync(api, """{"user_type":[{"name":"Dealers","personality_module":{"api_name":"Contacts"},"modules":[{"id":"1306462000000000147","shared_type":"private"}]}]}""");
        Assert.Equal("MANDATORY_NOT_FOUND", error["code"]!.GetValue<string>());
        Assert.Equal("permissions", error["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal("$.user_type[0].modules[0].permissions", error["details"]!["json_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_LayoutsMissing_NamesTheDependee()
    {
        using var api = new EmulatorApi();
        var error = await RefusedAsync(api, Body("Dealers", "{\"layouts\":[]}"));
        Assert.Equal("layouts are missing.", error["message"]!.GetValue<string>());
        Assert.Equal("$.user_type[0].modules[0].id", error["details"]!["dependee"]!["json_path"]!.GetValue<string>());
    }
}
