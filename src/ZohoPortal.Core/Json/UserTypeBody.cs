using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Json
{
    /// <summary>
    /// Writes {"user_type":[{...}]} for create and update. Written by hand rather than serialised
    /// because null means two things: on create a module without layouts, views or filters says
    /// so with an explicit null (as Zoho's samples do), while on update an unset value must be
    /// left out so Zoho keeps what the user type has. Only keys the API accepts as input are
    /// written, so a module taken from an existing user type (with labels and names) can be sent
    /// back as it is.
    /// </summary>
    internal static class UserTypeBody
    {
        public static string Write(PortalUserTypeInput input, bool create)
        {
            using (var stream = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(stream))
                {
                    w.WriteStartObject();
                    w.WriteStartArray("user_type");
                    w.WriteStartObject();
                    if (input.Name != null) w.WriteString("name", input.Name);
                    if (input.PersonalityModule != null)
                    {
                        w.WriteStartObject("personality_module");
                        w.WriteString("api_name", input.PersonalityModule);
                        w.WriteEndObject();
                    }
                    if (input.Active.HasValue) w.WriteBoolean("active", input.Active.Value);
                    if (input.InvitationField != null)
                    {
                        w.WriteStartObject("invitation_field");
                        w.WriteString("api_name", input.InvitationField);
                        w.WriteEndObject();
                    }
                    if (input.Modules != null)
                    {
                        w.WriteStartArray("modules");
                        foreach (var module in input.Modules) WriteModule(w, module, create);
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        private static void WriteModule(Utf8JsonWriter w, UserTypeModule module, bool create)
        {
            w.WriteStartObject();
            WriteIdOrApiName(w, module.Id, module.ApiName);
            if (module.Delete == true)
            {
                w.WriteBoolean("_delete", true);
                w.WriteEndObject();
                return;
            }
            if (module.SharedType != null) w.WriteString("shared_type", module.SharedType);
            if (module.Permissions != null) WritePermissions(w, module.Permissions);

            if (module.Layouts != null)
            {
                w.WriteStartArray("layouts");
                foreach (var layout in module.Layouts)
                {
                    w.WriteStartObject();
                    WriteIdOrName(w, layout.Id, layout.Name ?? layout.DisplayLabel);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else if (create) w.WriteNull("layouts");

            if (module.Views != null)
            {
                w.WriteStartObject("views");
                WriteIdOrName(w, module.Views.Id, module.Views.Name ?? module.Views.DisplayLabel);
                if (module.Views.Type != null) w.WriteString("type", module.Views.Type);
                w.WriteEndObject();
            }
            else if (create) w.WriteNull("views");

            if (module.Filters != null)
            {
                w.WriteStartArray("filters");
                foreach (var filter in module.Filters)
                {
                    w.WriteStartObject();
                    WriteIdOrApiName(w, filter.Id, filter.ApiName);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else if (create) w.WriteNull("filters");

            if (module.Fields != null)
            {
                w.WriteStartArray("fields");
                foreach (var field in module.Fields)
                {
                    w.WriteStartObject();
                    WriteIdOrApiName(w, field.Id, field.ApiName);
                    if (field.Delete == true) w.WriteBoolean("_delete", true);
                    // Zoho wants read_only on every field entry, even one being removed (DOC sample).
                    w.WriteBoolean("read_only", field.ReadOnly ?? false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        private static void WritePermissions(Utf8JsonWriter w, UserTypePermissions p)
        {
            w.WriteStartObject("permissions");
            foreach (var pair in PermissionKeys)
            {
                var value = p.Get(pair.Key);
                if (value.HasValue) w.WriteBoolean(pair.Value, value.Value);
            }
            w.WriteEndObject();
        }

        private static void WriteIdOrApiName(Utf8JsonWriter w, string? id, string? apiName)
        {
            if (id != null) w.WriteString("id", id);
            else if (apiName != null) w.WriteString("api_name", apiName);
        }

        private static void WriteIdOrName(Utf8JsonWriter w, string? id, string? name)
        {
            if (id != null) w.WriteString("id", id);
            else if (name != null) w.WriteString("name", name);
        }

        /// <summary>The API key of each permission.</summary>
        public static readonly KeyValuePair<UserTypePermission, string>[] PermissionKeys =
        {
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.View, "view"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.Edit, "edit"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.EditSharedRecords, "edit_shared_records"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.Create, "create"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.Delete, "delete"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.CreateAttachment, "create_attachment"),
            new KeyValuePair<UserTypePermission, string>(UserTypePermission.DeleteAttachment, "delete_attachment"),
        };
    }
}
