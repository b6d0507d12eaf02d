using System.Linq;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>§3.7-3.11: user types of a portal.</summary>
    internal static class UserTypeEndpoints
    {
        public static void Register(Router router)
        {
            router.Map("GET", "settings/portals/{portal}/user_type", GetAll);
            router.Map("GET", "settings/portals/{portal}/user_type/{userTypeId}", GetOne);
        }

        private static EmulatorResponse GetAll(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                if (PortalEndpoints.Find(ctx) == null) return PortalEndpoints.NoSuchPortal();
                var includeModules = ctx.Request.GetQuery("include") == "modules";
                var items = ctx.Org.UserTypes.Select(t => (JsonNode)ToJson(ctx.Org, t, includeModules)).ToArray();
                return Zj.Respond(200, Zj.Wrap("user_type", items));
            }
        }

        private static EmulatorResponse GetOne(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                if (PortalEndpoints.Find(ctx) == null) return PortalEndpoints.NoSuchPortal();
                var type = ctx.Org.FindUserType(ctx["userTypeId"]);
                // D8: an unknown id answers 204.
                return type == null ? EmulatorResponse.NoContent() : Zj.Respond(200, Zj.Wrap("user_type", ToJson(ctx.Org, type, includeModules: true)));
            }
        }

        internal static JsonObject ToJson(OrgState org, UserTypeState type, bool includeModules)
        {
            var personality = org.Modules.TryGetValue(type.PersonalityModule, out var module) ? module : null;
            var json = new JsonObject
            {
                ["created_time"] = PortalEndpoints.Time(type.CreatedTime),
                ["modified_time"] = PortalEndpoints.Time(type.ModifiedTime),
                ["created_by"] = org.CurrentUser.ToJson(),
                ["modified_by"] = org.CurrentUser.ToJson(),
                ["personality_module"] = new JsonObject
                {
                    ["plural_label"] = personality?.PluralLabel ?? type.PersonalityModule,
                    ["api_name"] = type.PersonalityModule,
                    ["id"] = personality?.Id,
                },
                ["name"] = type.Name,
                ["active"] = type.Active,
                ["default"] = type.Default,
                ["id"] = type.Id,
                ["no_of_users"] = org.Users.Values.Count(u => u.UserTypeId == type.Id),
            };
            if (includeModules) json["modules"] = type.Modules.DeepClone();
            return json;
        }
    }
}
