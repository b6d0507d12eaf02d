using System.Text.Json.Nodes;

namespace ZohoPortal.Core.Tests;

/// <summary>The sample requests and responses of seed 002 (Kaizen #73, the ZylkerAutos Customer user type).</summary>
public static class Seed002
{
    public const string Portal = "ZylkerAutos";
    public const string CustomerModuleId = "1306462000000000125";
    public const string NotesModuleId = "1306462000000000147";
    public const string LayoutId = "1306462000000095055";
    public const string ViewId = "1306462000000091501";
    public const string FieldId = "18936550000000063924";
    /// <summary>
    /// The same field as the emulated org knows it: the seed prints 20 digits, which no Zoho id has
    /// (at most 19); the emulator accepts the seed's spelling and answers with this id.
    /// </summary>
    public const string RealisticFieldId = "1306462000000063924";

    /// <summary>
    /// The seed's create input, corrected: the seed prints `fields": [` without the opening quote
    /// (a typo that makes it invalid JSON); everything else is verbatim.
    /// </summary>
    public const string CreateInput = """
        {
           "user_type":[
              {
                 "name":"Customer",
                 "personality_module":{
                    "api_name":"Customer"
                 },
                 "active":true,
                 "modules":[
                    {
                       "layouts":[
                          {
                             "id":"1306462000000095055"
                          }
                       ],
                       "permissions":{
                          "view" : true
                       },
                       "views":{
                          "id":"1306462000000091501",
                          "type":"custom_view"
                       },
                       "filters": null,
                        "fields": [
                         {
                              "id": "18936550000000063924",
                              "read_only": false
                          }
                        ],
                       "id":"1306462000000000125",
                       "shared_type":"private"
                    },
                    {
                       "layouts": null,
                        "views": null,
                       "filters": null,
                       "permissions":{
                          "view":true
                       },
                       "id":"1306462000000000147",
                       "shared_type":"private"
                    }
                 ]
              }
           ]
        }
        """;

    public const string UpdateInput = """
        {
           "user_type":[
              {
                 "modules":[
                    {
                       "permissions":{
                          "edit":true,
                          "create":true
                       },
                       "id":"1306462000000000125",
                       "shared_type":"private"
                    }
                 ]
              }
           ]
        }
        """;

    /// <summary>The create answer's shape; the id is the emulator's own, so tests compare everything else.</summary>
    public const string CreateResponse = """
        {"user_type":[{"code":"SUCCESS","details":{"id":"1306462000001856005"},"message":"user type created successfully.","status":"success"}]}
        """;

    public const string UpdateResponse = """
        {"user_type":[{"code":"SUCCESS","details":{"id":"1306462000001856005"},"message":"Portal user type updated successfully.","status":"success"}]}
        """;

    /// <summary>A user_type answer with its ids replaced by a marker of the same JSON kind, so shapes can be compared.</summary>
    public static JsonNode Shape(string json)
    {
        var node = JsonNode.Parse(json)!;
        foreach (var item in node["user_type"]!.AsArray())
        {
            var details = item!["details"]!.AsObject();
            if (details["id"] is JsonValue v)
                details["id"] = v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? JsonValue.Create(0L) : JsonValue.Create("<id>");
        }
        return node;
    }

    /// <summary>Note details.id is a JSON number here (zoho-api.md "Ids").</summary>
    public const string DeleteResponse = """
        {"user_type":[{"code":"SUCCESS","details":{"id":1306462000001857564},"message":"Portal user type deleted successfully.","status":"success"}]}
        """;
}
