using System.Linq;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>
    /// zoho-api.md "Field metadata": GET /settings/fields?module= — the fields of a CRM module
    /// (Zoho's Fields Metadata API, outside the portal family). Portal meta lists no fields, so this
    /// is where a field permission's API name is checked against an org.
    /// </summary>
    internal static class FieldMetaEndpoints
    {
        public static void Register(Router router)
        {
            router.Map("GET", "settings/fields", Get);
        }

        private static EmulatorResponse Get(RouteContext ctx)
        {
            var name = ctx.Request.GetQuery("module");
            if (string.IsNullOrEmpty(name))
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "module")));
            lock (ctx.Org.Sync)
            {
                var module = ctx.Org.FindModule(name!);
                if (module == null)
                    return Zj.Fail(400, "INVALID_MODULE", "the module name given seems to be invalid", Zj.Details(("param", "module")));
                // A lookup used as a user-type filter is a field of its module too.
                var fields = module.Fields.Concat(module.Filters.Where(f => module.Fields.All(g => g.Id != f.Id)))
                    .Select(f => (JsonNode)new JsonObject
                    {
                        ["api_name"] = f.ApiName,
                        ["field_label"] = f.DisplayLabel,
                        ["display_label"] = f.DisplayLabel,
                        ["system_mandatory"] = f.Mandatory,
                        ["data_type"] = module.Filters.Contains(f) ? "lookup" : "text",
                        ["id"] = f.Id,
                    })
                    .ToArray();
                return fields.Length == 0 ? EmulatorResponse.NoContent() : Zj.Respond(200, Zj.Wrap("fields", fields));
            }
        }
    }
}
