using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>
    /// Writes and reads the configuration file. Writing sorts first and always gives the same text
    /// for the same configuration (LF line ends, two-space indent, a final newline), so a file in
    /// source control changes only where the portal did. Reading refuses a file that is not JSON,
    /// has another schema version, or misses names, each with its own ErrorId.
    /// </summary>
    public static class PortalConfigurationFile
    {
        private static readonly PortalConfigurationJsonContext Context = new PortalConfigurationJsonContext(
            new JsonSerializerOptions(PortalConfigurationJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        /// <summary>The file's text.</summary>
        public static string Write(PortalConfiguration configuration)
        {
            if (configuration == null) throw new ArgumentNullException(nameof(configuration));
            configuration.Normalize();
            var text = JsonSerializer.Serialize(configuration, Context.PortalConfiguration);
            return text.Replace("\r\n", "\n") + "\n";
        }

        /// <summary>Reads a file's text; <paramref name="source"/> names it in errors.</summary>
        public static PortalConfiguration Read(string text, string source)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            CheckSchemaVersion(text, source);
            PortalConfiguration? configuration;
            try
            {
                configuration = JsonSerializer.Deserialize(text, Context.PortalConfiguration);
            }
            catch (JsonException e)
            {
                throw Malformed(source, e);
            }
            if (configuration == null) throw Invalid(source, new[] { "the file holds null instead of a configuration" });
            Validate(configuration, source);
            configuration.Normalize();
            return configuration;
        }

        /// <summary>The schema version is checked first, so a file of a newer format is named as such, not as malformed.</summary>
        private static void CheckSchemaVersion(string text, string source)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            }
            catch (JsonException e)
            {
                throw Malformed(source, e);
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw Invalid(source, new[] { "the file must hold a JSON object ({\"schemaVersion\": 1, \"userTypes\": [...]})" });
                var version = doc.RootElement.EnumerateObject().Where(p => p.Name == "schemaVersion").Select(p => (JsonElement?)p.Value).FirstOrDefault();
                if (version == null || version.Value.ValueKind != JsonValueKind.Number || !version.Value.TryGetInt32(out var number) || number != PortalConfiguration.CurrentSchemaVersion)
                    throw new PortalConfigurationException("ConfigurationSchemaVersion", PortalConfigurationErrorKind.InvalidFile,
                        "The configuration file " + source + " has schemaVersion " + (version == null ? "(none)" : version.Value.GetRawText())
                        + "; this module reads schemaVersion " + PortalConfiguration.CurrentSchemaVersion + " (files written by Export-PortalConfiguration).");
            }
        }

        private static void Validate(PortalConfiguration c, string source)
        {
            var problems = new List<string>();
            var types = c.UserTypes ?? new List<ConfiguredUserType>();
            for (var i = 0; i < types.Count; i++)
            {
                var type = types[i];
                if (type == null) { problems.Add("userTypes[" + i + "] is null"); continue; }
                var label = string.IsNullOrWhiteSpace(type.Name) ? "userTypes[" + i + "]" : "user type '" + type.Name + "'";
                if (string.IsNullOrWhiteSpace(type.Name)) problems.Add(label + " has no name");
                if (type.PersonalityModule == null || string.IsNullOrWhiteSpace(type.PersonalityModule.ApiName)) problems.Add(label + " has no personalityModule.apiName");
                if (type.InvitationField != null && string.IsNullOrWhiteSpace(type.InvitationField.ApiName)) problems.Add(label + " has an invitationField without apiName");
                var modules = type.Modules ?? new List<ConfiguredModule>();
                if (modules.Count == 0) problems.Add(label + " has no modules (it needs at least its personality module and Notes)");
                for (var j = 0; j < modules.Count; j++)
                {
                    var module = modules[j];
                    if (module == null || string.IsNullOrWhiteSpace(module.ApiName)) { problems.Add(label + ": modules[" + j + "] has no apiName"); continue; }
                    var where = label + ", module " + module.ApiName;
                    if (module.Layouts != null && module.Layouts.Any(l => l == null || string.IsNullOrWhiteSpace(l.Name))) problems.Add(where + ": a layout has no name");
                    if (module.View != null && string.IsNullOrWhiteSpace(module.View.Name)) problems.Add(where + ": the view has no name");
                    if (module.Filters != null && module.Filters.Any(f => f == null || string.IsNullOrWhiteSpace(f.ApiName))) problems.Add(where + ": a filter has no apiName");
                    if (module.Filters != null && module.Filters.Count > 1) problems.Add(where + ": " + module.Filters.Count + " filters (Zoho allows one)");
                    if (module.Fields != null && module.Fields.Any(f => f == null || string.IsNullOrWhiteSpace(f.ApiName))) problems.Add(where + ": a field has no apiName");
                    if (module.Permissions != null && module.Permissions.View == false) problems.Add(where + ": view is false (Zoho requires view on every module; leave the module out instead)");
                    foreach (var dup in (module.Fields ?? new List<ConfiguredField>()).Where(f => f != null && !string.IsNullOrWhiteSpace(f.ApiName))
                                 .GroupBy(f => f.ApiName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                        problems.Add(where + ": field " + dup.Key + " is listed " + dup.Count() + " times");
                }
                foreach (var dup in modules.Where(m => m != null && !string.IsNullOrWhiteSpace(m.ApiName)).GroupBy(m => m.ApiName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                    problems.Add(label + ": module " + dup.Key + " is listed " + dup.Count() + " times");
            }
            foreach (var dup in types.Where(t => t != null && !string.IsNullOrWhiteSpace(t.Name)).GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                problems.Add("user type '" + dup.Key + "' is listed " + dup.Count() + " times (names are unique in a portal, ignoring case)");
            foreach (var dup in types.Where(t => t != null && !string.IsNullOrEmpty(t.Id)).GroupBy(t => t.Id).Where(g => g.Count() > 1))
                problems.Add("user type id " + dup.Key + " is listed " + dup.Count() + " times");
            if (types.Count(t => t != null && t.Default) > 1) problems.Add("more than one user type is marked default");

            var names = new HashSet<string>(types.Where(t => t != null).Select(t => t.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var removed in c.Removed ?? new List<RemovedUserType>())
            {
                if (removed == null || string.IsNullOrWhiteSpace(removed.Name)) { problems.Add("an entry of removed has no name"); continue; }
                if (names.Contains(removed.Name)) problems.Add("user type '" + removed.Name + "' is both in userTypes and in removed");
                if (removed.TransferTo != null && !names.Contains(removed.TransferTo))
                    problems.Add("removed user type '" + removed.Name + "' moves its users to '" + removed.TransferTo + "', which is not in userTypes");
            }
            if (problems.Count > 0) throw Invalid(source, problems);
        }

        private static PortalConfigurationException Malformed(string source, JsonException e)
        {
            var where = e.LineNumber.HasValue ? " at line " + (e.LineNumber + 1) + ", position " + ((e.BytePositionInLine ?? 0) + 1) : string.Empty;
            // STJ's message names the path and the problem (an unknown key, a wrong type); keep it.
            return new PortalConfigurationException("ConfigurationMalformed", PortalConfigurationErrorKind.InvalidFile,
                "The configuration file " + source + " cannot be read" + where + ": " + e.Message, null, e);
        }

        private static PortalConfigurationException Invalid(string source, IReadOnlyList<string> problems) =>
            new PortalConfigurationException("ConfigurationInvalid", PortalConfigurationErrorKind.InvalidFile,
                "The configuration file " + source + " is not valid: " + string.Join("; ", problems) + ".", problems);
    }
}
