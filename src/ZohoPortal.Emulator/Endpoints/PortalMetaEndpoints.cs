using System.Linq;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>
    /// zoho-api.md "Portal meta": GET /settings/portals/meta?module= — the modules a user type of that personality
    /// module can hold. Registered before the portal routes, because "meta" would otherwise be
    /// taken for a portal name (no real portal can be called that: names have 6 or more characters).
    /// </summary>
    internal static class PortalMetaEndpoints
    {
        public static void Register(Router router)
        {
            router.Map("GET", "settings/portals/meta", Get);
        }

        private static EmulatorResponse Get(RouteContext ctx)
        {
            var name = ctx.Request.GetQuery("module");
            if (string.IsNullOrEmpty(name))
                return Zj.Fail(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", Zj.Details(("param", "module")));
            lock (ctx.Org.Sync)
            {
                var personality = ctx.Org.FindModule(name!);
                if (personality == null || !personality.CanBePersonality)
                    return Zj.Fail(400, "INVALID_MODULE", "the module name given seems to be invalid", Zj.Details(("param", "module")));
                // The personality module first, then its related modules, Notes last, as the portal setup screen lists them.
                var modules = ctx.Org.Modules.Values
                    .Where(m => m.CanJoin(personality.ApiName))
                    .OrderBy(m => m == personality ? 0 : m.IsNotes ? 2 : 1)
                    .ThenBy(m => m.ApiName, System.StringComparer.Ordinal)
                    .Select(m => (JsonNode)new JsonObject { ["module"] = ToJson(m, personality.ApiName) })
                    .ToArray();
                return Zj.Respond(200, Zj.Wrap("related_lists", modules));
            }
        }

        private static JsonObject ToJson(CrmModule module, string personality)
        {
            var filters = new JsonArray();
            foreach (var f in module.Filters.Where(f => f.CanFilterFor(personality))) filters.Add(new JsonObject { ["display_label"] = f.DisplayLabel, ["api_name"] = f.ApiName, ["id"] = f.Id });
            var layouts = new JsonArray();
            foreach (var l in module.Layouts) layouts.Add(new JsonObject { ["display_label"] = l.DisplayLabel, ["name"] = l.Name, ["id"] = l.Id });
            var views = new JsonArray();
            foreach (var v in module.Views) views.Add(new JsonObject { ["display_label"] = v.DisplayLabel, ["name"] = v.Name, ["id"] = v.Id, ["type"] = v.Type });
            return new JsonObject
            {
                ["plural_label"] = module.PluralLabel,
                ["shared_type"] = module.SharedType,
                ["api_name"] = module.ApiName,
                ["id"] = module.Id,
                ["filters"] = filters,
                ["layouts"] = layouts,
                ["views"] = views,
            };
        }
    }
}
