using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>A broken rule, carrying Zoho's answer; thrown deep inside validation, answered by the endpoint.</summary>
    internal sealed class RuleViolation : Exception
    {
        public RuleViolation(EmulatorResponse response) : base("rule violated") => Response = response;

        public EmulatorResponse Response { get; }
    }

    /// <summary>
    /// The user-type rules of zoho-api.md "User types": name, personality module, and every module entry
    /// (sharing, permissions, layouts, views, filters, field permissions). Per-item problems are
    /// answered wrapped in {"user_type":[...]} with api_name and json_path; everything is checked
    /// before anything changes, so a refused request leaves the org as it was.
    /// </summary>
    internal static class UserTypeRules
    {
        private const string Wrapper = "user_type";
        private const string ItemPath = "$.user_type[0]";
        private const int MaxNameLength = 50;
        // Same rule as the client's UserTypeNameRules: letters, digits and spaces.
        private const string NamePattern = "^[\\p{L}\\p{N} ]+$";
        private static readonly Regex NameRegex = new Regex(NamePattern, RegexOptions.CultureInvariant);
        private static readonly string[] SharedTypes = { "private", "public" };
        private static readonly string[] ViewTypes = { "custom_view", "canvas_view" };
        private static readonly string[] PermissionKeys = { "view", "edit", "edit_shared_records", "create", "delete", "create_attachment", "delete_attachment" };
        private static readonly string[] RecordPermissions = { "view", "edit", "edit_shared_records", "create", "delete" };
        private static readonly string[] NotesPermissions = { "view", "create", "delete", "create_attachment", "delete_attachment" };

        public static RuleViolation Wrapped(string code, string message, JsonObject? details = null) =>
            new RuleViolation(Zj.FailWrapped(400, Wrapper, code, message, details ?? new JsonObject()));

        private static JsonObject At(string apiName, string jsonPath) => Zj.Details(("api_name", apiName), ("json_path", jsonPath));

        /// <summary>The single item of {"user_type":[{...}]}.</summary>
        public static JsonObject FirstItem(JsonObject body)
        {
            if (!body.TryGetPropertyValue(Wrapper, out var node) || node == null)
                throw new RuleViolation(Zj.Fail(400, "MANDATORY_NOT_FOUND", "required field not found", At(Wrapper, "$.user_type")));
            if (!(node is JsonArray array) || array.Count == 0 || !(array[0] is JsonObject item))
                throw new RuleViolation(Zj.Fail(400, "INVALID_DATA", "Invalid data type", Zj.Details(("api_name", Wrapper), ("json_path", "$.user_type"), ("expected_data_type", "jsonarray"))));
            return item;
        }

        /// <summary>Checks a name (present when <paramref name="required"/>); null when absent and optional.</summary>
        public static string? Name(JsonObject item, OrgState org, UserTypeState? self, bool required)
        {
            var path = ItemPath + ".name";
            if (!item.TryGetPropertyValue("name", out var node) || node == null)
            {
                if (required) throw Wrapped("MANDATORY_NOT_FOUND", "Required field is missing", At("name", path));
                return null;
            }
            var name = Text(node) ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("name", path, "text"));
            if (name.Length > MaxNameLength)
                throw Wrapped("INVALID_DATA", "Invalid data", Zj.Details(("api_name", "name"), ("json_path", path), ("maximum_length", MaxNameLength)));
            if (name.Trim().Length == 0 || !NameRegex.IsMatch(name))
                throw Wrapped("INVALID_DATA", "invalid data", Zj.Details(("regex", NamePattern), ("api_name", "name"), ("json_path", path)));
            if (org.UserTypes.Any(t => t != self && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw Wrapped("DUPLICATE_DATA", "A user type with this name already exists in the portal.", At("name", path));
            return name;
        }

        /// <summary>The personality module named by {"api_name"} (or {"id"}); null when absent and optional.</summary>
        public static CrmModule? Personality(JsonObject item, OrgState org, bool required)
        {
            var path = ItemPath + ".personality_module";
            if (!item.TryGetPropertyValue("personality_module", out var node) || node == null)
            {
                if (required) throw Wrapped("MANDATORY_NOT_FOUND", "Required field is missing", At("personality_module", path));
                return null;
            }
            // DOC calls it a string; every sample sends an object. Accept both.
            var key = node is JsonObject obj ? Text(obj["api_name"]) ?? Id(obj["id"]) : Text(node);
            if (key == null) throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("api_name", path + ".api_name"));
            var module = org.FindModule(key);
            if (module == null || !module.CanBePersonality)
                throw Wrapped("INVALID_MODULE", "The given module cannot be a personality module.", At("personality_module", path));
            return module;
        }

        public static bool? Active(JsonObject item)
        {
            if (!item.TryGetPropertyValue("active", out var node) || node == null) return null;
            return Bool(node) ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("active", ItemPath + ".active", "boolean"));
        }

        /// <summary>The invitation field's API name, which must be a field of the personality module.</summary>
        public static string? InvitationField(JsonObject item, CrmModule personality)
        {
            var path = ItemPath + ".invitation_field";
            if (!item.TryGetPropertyValue("invitation_field", out var node) || node == null) return null;
            var key = node is JsonObject obj ? Text(obj["api_name"]) ?? Id(obj["id"]) : null;
            var field = key == null ? null : personality.Fields.FirstOrDefault(f => f.Id == key || string.Equals(f.ApiName, key, StringComparison.OrdinalIgnoreCase));
            if (field == null) throw Wrapped("INVALID_DATA", "Invalid invitation field.", At("invitation_field", path));
            return field.ApiName;
        }

        /// <summary>A complete module list for a new user type (or a new personality module).</summary>
        public static JsonArray NewModules(JsonObject item, OrgState org, CrmModule personality)
        {
            var path = ItemPath + ".modules";
            if (!item.TryGetPropertyValue("modules", out var node) || node == null)
                throw Wrapped("MANDATORY_NOT_FOUND", "Required field is missing", At("modules", path));
            var array = node as JsonArray ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("modules", path, "jsonarray"));
            var result = new List<JsonObject>();
            for (var i = 0; i < array.Count; i++)
            {
                var entryPath = path + "[" + i + "]";
                var (module, input) = Entry(array[i], org, personality, entryPath);
                if (result.Any(m => (string?)m["id"] == module.Id))
                    throw Wrapped("DUPLICATE_DATA", "The module is given more than once.", At("id", entryPath + ".id"));
                if (input["_delete"] != null && Bool(input["_delete"]) == true)
                    throw Wrapped("INVALID_DATA", "A module cannot be removed while it is being added.", At("_delete", entryPath + "._delete"));
                result.Add(Apply(module, input, null, personality, entryPath));
            }
            RequireMandatoryModules(result, personality, org);
            return ToArray(result);
        }

        /// <summary>Applies a partial "modules" array to a user type's modules: change, add, or (with _delete) remove.</summary>
        public static JsonArray MergeModules(JsonArray current, JsonNode? node, OrgState org, CrmModule personality)
        {
            var path = ItemPath + ".modules";
            var array = node as JsonArray ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("modules", path, "jsonarray"));
            var result = current.Select(n => (JsonObject)n!.DeepClone()).ToList();
            for (var i = 0; i < array.Count; i++)
            {
                var entryPath = path + "[" + i + "]";
                var (module, input) = Entry(array[i], org, personality, entryPath);
                var index = result.FindIndex(m => (string?)m["id"] == module.Id);
                if (Bool(input["_delete"]) == true)
                {
                    if (module.IsNotes || module.ApiName == personality.ApiName)
                        throw Wrapped("CANNOT_REMOVE", "The personality module and the Notes module cannot be removed.", At("id", entryPath + ".id"));
                    if (index < 0) throw Wrapped("INVALID_DATA", "The module is not part of the user type.", At("id", entryPath + ".id"));
                    result.RemoveAt(index);
                    continue;
                }
                var merged = Apply(module, input, index < 0 ? null : result[index], personality, entryPath);
                if (index < 0) result.Add(merged);
                else result[index] = merged;
            }
            RequireMandatoryModules(result, personality, org);
            return ToArray(result);
        }

        private static (CrmModule Module, JsonObject Input) Entry(JsonNode? node, OrgState org, CrmModule personality, string path)
        {
            var input = node as JsonObject ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("modules", path, "jsonobject"));
            var id = Id(input["id"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("id", path + ".id"));
            var module = org.Modules.Values.FirstOrDefault(m => m.Id == id);
            if (module == null || !module.CanJoin(personality.ApiName))
                throw Wrapped("INVALID_MODULE", "The module is not related to the personality module.", At("id", path + ".id"));
            return (module, input);
        }

        /// <summary>
        /// One module entry over what the user type already has for it (null: the module is new and
        /// every mandatory part must be given). Returns the stored, normalised form.
        /// </summary>
        private static JsonObject Apply(CrmModule module, JsonObject input, JsonObject? existing, CrmModule personality, string path)
        {
            var result = existing == null
                ? new JsonObject { ["id"] = module.Id, ["api_name"] = module.ApiName, ["plural_label"] = module.PluralLabel }
                : (JsonObject)existing.DeepClone();

            // shared_type
            if (input.TryGetPropertyValue("shared_type", out var sharedNode) && sharedNode != null)
            {
                var shared = Text(sharedNode);
                if (shared == null || !SharedTypes.Contains(shared))
                    throw Wrapped("INVALID_DATA", "Invalid data", Supported("shared_type", path + ".shared_type", SharedTypes));
                if (shared != module.SharedType)
                    throw Wrapped("INVALID_MODULE", "The shared_type does not match the module's sharing (" + module.SharedType + ").", At("shared_type", path + ".shared_type"));
                result["shared_type"] = shared;
            }
            else if (existing == null) throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("shared_type", path + ".shared_type"));

            result["permissions"] = Permissions(input, result["permissions"] as JsonObject, module, path);
            result["layouts"] = Layouts(input, result, module, existing != null, path);
            result["views"] = Views(input, result, module, existing != null, path);
            result["filters"] = Filters(input, result, module, personality, path);
            result["fields"] = Fields(input, result["fields"] as JsonArray, module, path);
            return result;
        }

        private static JsonObject Permissions(JsonObject input, JsonObject? current, CrmModule module, string path)
        {
            var ppath = path + ".permissions";
            var baseKeys = module.IsNotes ? NotesPermissions : RecordPermissions;
            var result = new JsonObject();
            foreach (var key in baseKeys) result[key] = current == null ? false : Bool(current[key]) ?? false;
            if (current != null)
                foreach (var pair in current)
                    if (!result.ContainsKey(pair.Key)) result[pair.Key] = Bool(pair.Value) ?? false;

            if (!input.TryGetPropertyValue("permissions", out var node) || node == null)
            {
                if (current == null) throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("permissions", ppath));
                return result;
            }
            var given = node as JsonObject ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("permissions", ppath, "jsonobject"));
            foreach (var pair in given)
            {
                if (!PermissionKeys.Contains(pair.Key))
                    throw Wrapped("INVALID_DATA", "Invalid data", Supported(pair.Key, ppath + "." + pair.Key, PermissionKeys));
                var value = Bool(pair.Value) ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected(pair.Key, ppath + "." + pair.Key, "boolean"));
                if (pair.Key == "view" && !value)
                    throw Wrapped("INVALID_DATA", "The view permission cannot be false.", At("view", ppath + ".view"));
                result[pair.Key] = value;
            }
            if (current == null && Bool(given["view"]) != true)
                throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("view", ppath + ".view"));
            return result;
        }

        private static JsonNode? Layouts(JsonObject input, JsonObject result, CrmModule module, bool exists, string path)
        {
            var lpath = path + ".layouts";
            var present = input.TryGetPropertyValue("layouts", out var node);
            if (!present) return exists ? result["layouts"]?.DeepClone() : MissingLayouts(module, path);
            var array = node as JsonArray;
            if (node != null && array == null) throw Wrapped("INVALID_DATA", "Invalid data type", Expected("layouts", lpath, "jsonarray"));
            if (array == null || array.Count == 0)
            {
                if (module.Layouts.Count == 0 || module.SharedType == "public") return null;
                if (exists) throw Wrapped("CANNOT_REMOVE", "The last layout cannot be removed.", At("layouts", lpath));
                return MissingLayouts(module, path);
            }
            var stored = new JsonArray();
            for (var j = 0; j < array.Count; j++)
            {
                var idPath = lpath + "[" + j + "].id";
                var id = Id((array[j] as JsonObject)?["id"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("id", idPath));
                var layout = module.Layouts.FirstOrDefault(l => l.Id == id)
                    ?? throw Wrapped("INVALID_DATA", "The layout does not belong to the module.", At("id", idPath));
                stored.Add(layout.ToUserTypeJson());
            }
            return stored;
        }

        private static JsonNode? MissingLayouts(CrmModule module, string path)
        {
            if (module.Layouts.Count == 0 || module.SharedType == "public") return null;
            throw Wrapped("DEPENDENT_FIELD_MISSING", "layouts are missing.", Zj.Details(
                ("dependee", At("id", path + ".id")), ("api_name", "layouts"), ("json_path", path + ".layouts")));
        }

        private static JsonNode? Views(JsonObject input, JsonObject result, CrmModule module, bool exists, string path)
        {
            var vpath = path + ".views";
            var present = input.TryGetPropertyValue("views", out var node);
            if (module.Views.Count == 0)
            {
                if (present && node != null) throw Wrapped("INVALID_DATA", "The module has no views.", At("views", vpath));
                return null;
            }
            if (!present && exists) return result["views"]?.DeepClone();
            if (node == null)
                throw Wrapped("DEPENDENT_FIELD_MISSING", "views are missing.", Zj.Details(
                    ("dependee", At("id", path + ".id")), ("api_name", "views"), ("json_path", vpath)));
            var obj = node as JsonObject ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("views", vpath, "jsonobject"));
            var id = Id(obj["id"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("id", vpath + ".id"));
            var type = Text(obj["type"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("type", vpath + ".type"));
            if (!ViewTypes.Contains(type)) throw Wrapped("INVALID_DATA", "Invalid data", Supported("type", vpath + ".type", ViewTypes));
            var view = module.Views.FirstOrDefault(v => v.Id == id)
                ?? throw Wrapped("INVALID_DATA", "The view does not belong to the module.", At("id", vpath + ".id"));
            if (view.Type != type) throw Wrapped("INVALID_DATA", "The view is a " + view.Type + ".", At("type", vpath + ".type"));
            return view.ToJson();
        }

        private static JsonNode? Filters(JsonObject input, JsonObject result, CrmModule module, CrmModule personality, string path)
        {
            var fpath = path + ".filters";
            if (!input.TryGetPropertyValue("filters", out var node)) return result["filters"]?.DeepClone();
            if (node == null) return null;
            var array = node as JsonArray ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("filters", fpath, "jsonarray"));
            if (array.Count == 0) return null;
            if (array.Count > 1) throw Wrapped("INVALID_DATA", "Only one filter is allowed.", Zj.Details(("api_name", "filters"), ("json_path", fpath), ("maximum_length", 1)));
            var idPath = fpath + "[0].id";
            var id = Id((array[0] as JsonObject)?["id"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("id", idPath));
            var field = module.Filters.FirstOrDefault(f => f.Id == id);
            if (field == null || !field.CanFilterFor(personality.ApiName))
                throw Wrapped("INVALID_DATA", "The filter field is not related to the personality module.", At("id", idPath));
            return new JsonArray { new JsonObject { ["display_label"] = field.DisplayLabel, ["api_name"] = field.ApiName, ["id"] = field.Id } };
        }

        private static JsonArray Fields(JsonObject input, JsonArray? current, CrmModule module, string path)
        {
            var fpath = path + ".fields";
            var result = current == null ? new List<JsonObject>() : current.Select(n => (JsonObject)n!.DeepClone()).ToList();
            if (!input.TryGetPropertyValue("fields", out var node) || node == null) return ToArray(result);
            var array = node as JsonArray ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("fields", fpath, "jsonarray"));
            for (var k = 0; k < array.Count; k++)
            {
                var kpath = fpath + "[" + k + "]";
                var entry = array[k] as JsonObject ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("fields", kpath, "jsonobject"));
                var key = Id(entry["id"]) ?? Text(entry["api_name"]) ?? throw Wrapped("MANDATORY_NOT_FOUND", "required field not found", At("id", kpath + ".id"));
                var field = module.Fields.FirstOrDefault(f => f.Id == key || string.Equals(f.ApiName, key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new RuleViolation(Zj.FailWrapped(400, Wrapper, "INVALID_DATA", "Field is not allowed in portals.", Zj.Details(("json_path", kpath + ".id"))));
                var index = result.FindIndex(f => (string?)f["id"] == field.Id);
                if (Bool(entry["_delete"]) == true)
                {
                    if (field.Mandatory) throw Wrapped("CANNOT_REMOVE", "Mandatory fields cannot be removed.", At(field.ApiName, kpath + ".id"));
                    if (index >= 0) result.RemoveAt(index);
                    continue;
                }
                if (!entry.TryGetPropertyValue("read_only", out var readOnlyNode) || readOnlyNode == null)
                    throw new RuleViolation(Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("api_name", "read_only"))));
                var readOnly = Bool(readOnlyNode) ?? throw Wrapped("INVALID_DATA", "Invalid data type", Expected("read_only", kpath + ".read_only", "boolean"));
                if (readOnly && field.Mandatory)
                    throw Wrapped("INVALID_DATA", "A mandatory field of the layout cannot be read only.", At("read_only", kpath + ".read_only"));
                var stored = new JsonObject { ["read_only"] = readOnly, ["api_name"] = field.ApiName, ["id"] = field.Id };
                if (index >= 0) result[index] = stored;
                else result.Add(stored);
            }
            return ToArray(result);
        }

        /// <summary>
        /// Every user type holds its personality module and Notes. Zoho documents this error with
        /// empty details; the emulator adds api_name and json_path so the client can point at the array.
        /// </summary>
        private static void RequireMandatoryModules(List<JsonObject> modules, CrmModule personality, OrgState org)
        {
            var notes = org.Modules.Values.FirstOrDefault(m => m.IsNotes);
            var ids = new HashSet<string?>(modules.Select(m => (string?)m["id"]));
            if (!ids.Contains(personality.Id) || (notes != null && !ids.Contains(notes.Id)))
                throw Wrapped("MANDATORY_NOT_FOUND", "Personality module and Notes module are mandatory modules.", At("modules", ItemPath + ".modules"));
        }

        private static JsonObject Expected(string apiName, string path, string type) =>
            Zj.Details(("api_name", apiName), ("json_path", path), ("expected_data_type", type));

        private static JsonObject Supported(string apiName, string path, string[] values)
        {
            var list = new JsonArray();
            foreach (var v in values) list.Add(v);
            return Zj.Details(("api_name", apiName), ("json_path", path), ("supported_values", list));
        }

        private static JsonArray ToArray(IEnumerable<JsonObject> items)
        {
            var array = new JsonArray();
            foreach (var item in items) array.Add(item);
            return array;
        }

        /// <summary>
        /// A non-empty string. Ids may also come as JSON numbers (Zoho's docs type them Number, and
        /// typed SDKs send them so; docs/zoho-api.md "Ids"): the number's own digits are read, so
        /// an id of any length is the same as its string form, never rounded through a 64-bit integer.
        /// </summary>
        internal static string? Text(JsonNode? node)
        {
            if (!(node is JsonValue v)) return null;
            if (v.TryGetValue<string>(out var s)) return s.Length > 0 ? s : null;
            if (v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
            {
                var digits = element.GetRawText();
                return IsDigits(digits) ? digits : null;
            }
            if (v.TryGetValue<long>(out var n)) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }

        /// <summary>An id as the org knows it: <see cref="Text"/>, with seed-document spellings mapped to the realistic id.</summary>
        internal static string? Id(JsonNode? node)
        {
            var text = Text(node);
            return text == null ? null : EmulatorChoices.CanonicalId(text);
        }

        private static bool IsDigits(string text)
        {
            if (text.Length == 0) return false;
            foreach (var c in text)
                if (c < '0' || c > '9') return false;
            return true;
        }

        internal static bool? Bool(JsonNode? node) =>
            node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : (bool?)null;
    }
}
