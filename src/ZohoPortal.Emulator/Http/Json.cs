using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Http
{
    /// <summary>Builders for Zoho's answer shapes.</summary>
    internal static class Zj
    {
        public static JsonObject Item(string code, string status, string message, JsonObject? details = null) => new JsonObject
        {
            ["code"] = code,
            ["details"] = details ?? new JsonObject(),
            ["message"] = message,
            ["status"] = status,
        };

        public static JsonObject Success(string message, JsonObject? details = null, string code = "SUCCESS") => Item(code, "success", message, details);
        public static JsonObject Error(string code, string message, JsonObject? details = null) => Item(code, "error", message, details);

        public static JsonObject Wrap(string key, params JsonNode[] items)
        {
            var array = new JsonArray();
            foreach (var item in items) array.Add(item);
            return new JsonObject { [key] = array };
        }

        // Zoho writes "+05:30" and apostrophes literally; the default encoder would escape them.
        private static readonly JsonSerializerOptions Output = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static EmulatorResponse Respond(int status, JsonNode body) => new EmulatorResponse(status, body.ToJsonString(Output));

        /// <summary>A top-level error answer.</summary>
        public static EmulatorResponse Fail(int status, string code, string message, JsonObject? details = null) =>
            Respond(status, Error(code, message, details));

        /// <summary>A single-item wrapped error answer, e.g. {"portals":[{...}]}.</summary>
        public static EmulatorResponse FailWrapped(int status, string key, string code, string message, JsonObject? details = null) =>
            Respond(status, Wrap(key, Error(code, message, details)));

        public static JsonObject Details(params (string Key, JsonNode? Value)[] pairs)
        {
            var obj = new JsonObject();
            foreach (var (key, value) in pairs) obj[key] = value;
            return obj;
        }

        /// <summary>HTTP status of a batch answer (zoho-api.md "Mixed batches"): 200 all ok, 400 all failed, 207 mixed.</summary>
        public static int BatchStatus(int succeeded, int failed) => failed == 0 ? 200 : succeeded == 0 ? 400 : 207;
    }
}
