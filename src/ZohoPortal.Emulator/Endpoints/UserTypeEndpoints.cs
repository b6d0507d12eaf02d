using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Http;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Endpoints
{
    /// <summary>zoho-api.md "User types": user types of a portal.</summary>
    internal static class UserTypeEndpoints
    {
        /// <summary>Zoho's licence allows five user types per org (zoho-api.md "User types").</summary>
        internal const int MaxUserTypes = 5;

        public static void Register(Router router)
        {
            router.Map("GET", "settings/portals/{portal}/user_type", GetAll);
            router.Map("POST", "settings/portals/{portal}/user_type", Create);
            router.Map("GET", "settings/portals/{portal}/user_type/{userTypeId}", GetOne);
            router.Map("PUT", "settings/portals/{portal}/user_type/{userTypeId}", Update);
            router.Map("DELETE", "settings/portals/{portal}/user_type/{userTypeId}", Delete);
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
                // zoho-api.md "User types": an unknown id answers 204.
                return type == null ? EmulatorResponse.NoContent() : Zj.Respond(200, Zj.Wrap("user_type", ToJson(ctx.Org, type, includeModules: true)));
            }
        }

        private static EmulatorResponse Create(RouteContext ctx)
        {
            var body = ctx.ReadBody(out var bad);
            if (body == null) return bad!;
            lock (ctx.Org.Sync)
            {
                if (PortalEndpoints.Find(ctx) == null) return PortalEndpoints.NoSuchPortal();
                try
                {
                    var item = UserTypeRules.FirstItem(body);
                    if (ctx.Org.UserTypes.Count >= MaxUserTypes)
                        throw UserTypeRules.Wrapped("LICENSE_LIMIT_EXCEEDED", "License limit exceeded.");
                    var name = UserTypeRules.Name(item, ctx.Org, null, required: true)!;
                    var personality = UserTypeRules.Personality(item, ctx.Org, required: true)!;
                    var active = UserTypeRules.Active(item);
                    var invitationField = UserTypeRules.InvitationField(item, personality);
                    var modules = UserTypeRules.NewModules(item, ctx.Org, personality);

                    var type = new UserTypeState
                    {
                        Id = ctx.Org.Ids.Next(),
                        Name = name,
                        Default = false,
                        Active = active ?? false, // Zoho creates a user type inactive unless told otherwise
                        PersonalityModule = personality.ApiName,
                        InvitationField = invitationField,
                        CreatedTime = ctx.Now,
                        ModifiedTime = ctx.Now,
                        Modules = modules,
                    };
                    ctx.Org.AddUserType(type);
                    return Zj.Respond(200, Zj.Wrap("user_type", Zj.Success("user type created successfully.", Zj.Details(("id", type.Id)))));
                }
                catch (RuleViolation v)
                {
                    return v.Response;
                }
            }
        }

        private static EmulatorResponse Update(RouteContext ctx)
        {
            var body = ctx.ReadBody(out var bad);
            if (body == null) return bad!;
            lock (ctx.Org.Sync)
            {
                var type = UserEndpoints.FindType(ctx, out var missing);
                if (type == null) return missing!;
                try
                {
                    var item = UserTypeRules.FirstItem(body);
                    var name = UserTypeRules.Name(item, ctx.Org, type, required: false);
                    var active = UserTypeRules.Active(item);
                    var personality = UserTypeRules.Personality(item, ctx.Org, required: false);
                    var current = ctx.Org.FindModule(type.PersonalityModule)!;
                    var changesPersonality = personality != null && personality != current;
                    if (changesPersonality && type.Default)
                        throw UserTypeRules.Wrapped("NOT_ALLOWED", "Change of personality module of default user type is not allowed.",
                            Zj.Details(("api_name", "personality_module"), ("json_path", "$.user_type[0].personality_module")));
                    var effective = personality ?? current;
                    var invitationField = UserTypeRules.InvitationField(item, effective);

                    JsonArray? modules = null;
                    if (changesPersonality)
                    {
                        // A new personality module brings a new set of related modules: the whole list must be given again.
                        if (item["modules"] == null)
                            throw UserTypeRules.Wrapped("INVALID_DATA", "The related modules do not match the new personality module.",
                                Zj.Details(("api_name", "modules"), ("json_path", "$.user_type[0].modules")));
                        modules = UserTypeRules.NewModules(item, ctx.Org, effective);
                    }
                    else if (item.TryGetPropertyValue("modules", out var node) && node != null)
                    {
                        modules = UserTypeRules.MergeModules(type.Modules, node, ctx.Org, effective);
                    }

                    // Everything checked: now change.
                    if (name != null) type.Name = name;
                    if (active.HasValue) type.Active = active.Value;
                    if (invitationField != null) type.InvitationField = invitationField;
                    type.PersonalityModule = effective.ApiName;
                    if (modules != null) type.Modules = modules;
                    type.ModifiedTime = ctx.Now;
                    return Zj.Respond(200, Zj.Wrap("user_type", Zj.Success("Portal user type updated successfully.", Zj.Details(("id", type.Id)))));
                }
                catch (RuleViolation v)
                {
                    return v.Response;
                }
            }
        }

        private static EmulatorResponse Delete(RouteContext ctx)
        {
            lock (ctx.Org.Sync)
            {
                var type = UserEndpoints.FindType(ctx, out var missing);
                if (type == null) return missing!;
                if (type.Default)
                    return Zj.FailWrapped(400, "user_type", "NOT_ALLOWED", "The default user type cannot be deleted.", Zj.Details(("resource_path_index", 4)));

                var users = type.Members.Snapshot.ToList();
                // transfer_To exists only in the newest API (zoho-api.md "User types"); older versions ignore it as Zoho ignores unknown parameters.
                var transferTo = ctx.Version >= 8 ? ctx.Request.GetQuery("transfer_To") : null;
                if (users.Count > 0)
                {
                    if (string.IsNullOrEmpty(transferTo))
                        return Zj.Fail(400, "INVALID_DATA",
                            "Deletion of portal user type is not allowed, as user type contains users, which need to be transferred to other user type",
                            Zj.Details(("param_name", "transfer_To")));
                    var target = ctx.Org.FindUserType(transferTo!);
                    if (target == null || target == type)
                        return Zj.Fail(400, "INVALID_DATA", "Invalid user type id given in transfer_To", Zj.Details(("param_name", "transfer_To")));
                    ctx.Org.MoveUsers(users, type, target);
                }
                ctx.Org.RemoveUserType(type);
                // zoho-api.md "Ids": this answer prints the id as a JSON number, as Zoho's own sample does.
                var id = JsonValue.Create(long.Parse(type.Id, CultureInfo.InvariantCulture));
                return Zj.Respond(200, Zj.Wrap("user_type", Zj.Success("Portal user type deleted successfully.", Zj.Details(("id", id)))));
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
                ["no_of_users"] = type.Members.Count,
            };
            if (type.InvitationField != null)
            {
                var field = personality?.Fields.FirstOrDefault(f => f.ApiName == type.InvitationField);
                json["invitation_field"] = new JsonObject { ["api_name"] = type.InvitationField, ["id"] = field?.Id };
            }
            if (includeModules) json["modules"] = type.Modules.DeepClone();
            return json;
        }
    }
}
