using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>zoho-api.md "Portals": get all, get one, create, rename and delete portals.</summary>
    internal static class PortalEndpoints
    {
        private static readonly Regex Alphanumeric = new Regex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

        public static void Register(Router router)
        {
            router.Map("GET", "settings/portals", GetAll);
            router.Map("POST", "settings/portals", Create);
            router.Map("GET", "settings/portals/{portal}", GetOne);
            router.Map("PUT", "settings/portals/{portal}", Update);
            router.Map("DELETE", "settings/portals/{portal}", Delete);
        }

        /// <summary>The 400 every /settings/portals/{name}/... endpoint gives for an unknown portal (zoho-api.md "Answers and errors").</summary>
        internal static EmulatorResponse NoSuchPortal(JsonObject? details = null) =>
            Zj.Fail(400, "INVALID_DATA", "No portal exists with the given portal name.", details);

        /// <summary>Looks up the portal named in the route; null when it does not exist.</summary>
        internal static PortalState? Find(RouteContext ctx)
        {
            var portal = ctx.Org.Portal;
            return portal != null && string.Equals(portal.Name, ctx["portal"], System.StringComparison.Ordinal) ? portal : null;
        }

        private static EmulatorResponse GetAll(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                return ctx.Org.Portal == null ? EmulatorResponse.NoContent() : Zj.Respond(200, Zj.Wrap("portals", ToJson(ctx.Org, ctx.Org.Portal)));
            }
        }

        private static EmulatorResponse GetOne(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                if (ctx.Org.Portal == null) return EmulatorResponse.NoContent();
                var portal = Find(ctx);
                return portal == null ? NoSuchPortal() : Zj.Respond(200, Zj.Wrap("portals", ToJson(ctx.Org, portal)));
            }
        }

        private static EmulatorResponse Create(RouteContext ctx)
        {
            var body = ctx.ReadBody(out var bad);
            if (body == null) return bad!;
            var item = FirstItem(body, out bad);
            if (item == null) return bad!;

            lock (ctx.Org.Sync)
            {
                var invalid = ValidateName(item, ctx.Org, currentName: null);
                if (invalid != null) return invalid;
                if (ctx.Org.Portal != null)
                    return Zj.FailWrapped(400, "portals", "NOT_ALLOWED", "Only one portal can be created for an organization.", Zj.Details(("api_name", "name"), ("json_path", "$.portals[0].name")));
                var name = (string)item["name"]!;
                DemoOrgSeeder.CreatePortal(ctx.Org, name, ctx.Now);
                return Zj.Respond(200, Zj.Wrap("portals", Zj.Success("Portal created successfully with given name.", Zj.Details(("name", name)))));
            }
        }

        private static EmulatorResponse Update(RouteContext ctx)
        {
            var body = ctx.ReadBody(out var bad);
            if (body == null) return bad!;
            var item = FirstItem(body, out bad);
            if (item == null) return bad!;

            lock (ctx.Org.Sync)
            {
                var portal = Find(ctx);
                if (portal == null) return NoSuchPortal();
                var invalid = ValidateName(item, ctx.Org, portal.Name);
                if (invalid != null) return invalid;
                var name = (string)item["name"]!;
                ctx.Org.TakenPortalNames.Remove(portal.Name);
                ctx.Org.TakenPortalNames.Add(name);
                portal.Name = name;
                portal.ModifiedTime = ctx.Now;
                return Zj.Respond(200, Zj.Wrap("portals", Zj.Success("Portal renamed successfully with given name.", Zj.Details(("name", name)))));
            }
        }

        private static EmulatorResponse Delete(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                var portal = Find(ctx);
                if (portal == null) return NoSuchPortal(Zj.Details(("resource_path_index", 2)));
                var name = portal.Name;
                ctx.Org.Portal = null;
                ctx.Org.TakenPortalNames.Remove(name);
                ctx.Org.ClearPortalUsersAndTypes();
                return Zj.Respond(200, Zj.Wrap("portals", Zj.Success("Portal deleted successfully.", Zj.Details(("name", name)))));
            }
        }

        private static JsonObject? FirstItem(JsonObject body, out EmulatorResponse? error)
        {
            error = null;
            if (body["portals"] is JsonArray array && array.Count > 0 && array[0] is JsonObject item) return item;
            error = body["portals"] == null
                ? Zj.Fail(400, "MANDATORY_NOT_FOUND", "required field not found", Zj.Details(("api_name", "portals"), ("json_path", "$.portals")))
                : Zj.Fail(400, "INVALID_DATA", "invalid data", Zj.Details(("api_name", "portals"), ("json_path", "$.portals"), ("expected_data_type", "jsonarray")));
            return null;
        }

        /// <summary>zoho-api.md "Portals" name rules, answered as wrapped per-item errors.</summary>
        private static EmulatorResponse? ValidateName(JsonObject item, OrgState org, string? currentName)
        {
            var path = "$.portals[0].name";
            if (!item.TryGetPropertyValue("name", out var node) || node == null)
                return Zj.FailWrapped(400, "portals", "MANDATORY_NOT_FOUND", "required field not found", Zj.Details(("api_name", "name"), ("json_path", path)));
            if (!(node is JsonValue value) || !value.TryGetValue<string>(out var name))
                return Zj.FailWrapped(400, "portals", "INVALID_DATA", "invalid data", Zj.Details(("api_name", "name"), ("json_path", path), ("expected_data_type", "text")));
            if (name.Length < 6)
                return Zj.FailWrapped(400, "portals", "INVALID_DATA", "invalid data", Zj.Details(("api_name", "name"), ("json_path", path), ("minimum_length", 6)));
            if (name.Length > 30)
                return Zj.FailWrapped(400, "portals", "INVALID_DATA", "invalid data", Zj.Details(("api_name", "name"), ("json_path", path), ("maximum_length", 30)));
            if (!Alphanumeric.IsMatch(name))
                return Zj.FailWrapped(400, "portals", "PATTERN_NOT_MATCHED", "Please check whether the input values are correct", Zj.Details(("api_name", "name")));
            if (org.TakenPortalNames.Contains(name) && !string.Equals(name, currentName, System.StringComparison.Ordinal))
                return Zj.FailWrapped(400, "portals", "ALREADY_USED", "The entered portal name is already in use", Zj.Details(("api_name", "name")));
            return null;
        }

        internal static string Time(System.DateTimeOffset t) => t.ToOffset(System.TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

        private static JsonObject ToJson(OrgState org, PortalState portal) => new JsonObject
        {
            ["created_time"] = Time(portal.CreatedTime),
            ["modified_time"] = Time(portal.ModifiedTime),
            ["modified_by"] = org.CurrentUser.ToJson(),
            ["name"] = portal.Name,
            ["active"] = portal.Active,
            ["zaid"] = portal.Zaid,
            ["created_by"] = org.CurrentUser.ToJson(),
        };
    }
}
