using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A module that can go into a user type of a given personality module (one entry of
    /// GET /settings/portals/meta?module=): its id, sharing, and the layouts, views and filter
    /// fields a module entry may name. Pipe it into New-PortalUserTypeModule to build an entry.
    /// </summary>
    public sealed class PortalModuleMeta
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("api_name")] public string ApiName { get; set; } = string.Empty;
        [JsonPropertyName("plural_label")] public string? PluralLabel { get; set; }
        /// <summary>private or public; a user type's entry for this module must say the same.</summary>
        [JsonPropertyName("shared_type")] public string? SharedType { get; set; }
        [JsonPropertyName("layouts")] public List<UserTypeLayout> Layouts { get; set; } = new List<UserTypeLayout>();
        [JsonPropertyName("views")] public List<UserTypeView> Views { get; set; } = new List<UserTypeView>();
        /// <summary>Lookup fields that can scope the module's records to the portal user.</summary>
        [JsonPropertyName("filters")] public List<UserTypeFilter> Filters { get; set; } = new List<UserTypeFilter>();

        /// <summary>The personality module this list was asked for (set by the client).</summary>
        [JsonIgnore] public string? PersonalityModule { get; set; }

        /// <summary>True for the personality module itself, which every user type of it must include.</summary>
        [JsonIgnore]
        public bool IsPersonalityModule => PersonalityModule != null && string.Equals(ApiName, PersonalityModule, System.StringComparison.OrdinalIgnoreCase);

        /// <summary>A layout by id, name or display label; null when there is none.</summary>
        public UserTypeLayout? FindLayout(string idOrName) =>
            Layouts.FirstOrDefault(l => l.Id == idOrName)
            ?? Layouts.FirstOrDefault(l => Same(l.Name, idOrName) || Same(l.DisplayLabel, idOrName));

        /// <summary>A view by id, name or display label; null when there is none.</summary>
        public UserTypeView? FindView(string idOrName) =>
            Views.FirstOrDefault(v => v.Id == idOrName)
            ?? Views.FirstOrDefault(v => Same(v.Name, idOrName) || Same(v.DisplayLabel, idOrName));

        /// <summary>A filter field by id, API name or display label; null when there is none.</summary>
        public UserTypeFilter? FindFilter(string idOrName) =>
            Filters.FirstOrDefault(f => f.Id == idOrName)
            ?? Filters.FirstOrDefault(f => Same(f.ApiName, idOrName) || Same(f.DisplayLabel, idOrName));

        /// <summary>True when this is the module named by id, API name or plural label.</summary>
        public bool Matches(string idOrName) => Id == idOrName || Same(ApiName, idOrName) || Same(PluralLabel, idOrName);

        private static bool Same(string? a, string b) => a != null && string.Equals(a, b, System.StringComparison.OrdinalIgnoreCase);

        public override string ToString() => ApiName;
    }

    internal sealed class PortalMetaEnvelope
    {
        [JsonPropertyName("related_lists")] public List<PortalMetaRelatedList>? RelatedLists { get; set; }
    }

    internal sealed class PortalMetaRelatedList
    {
        [JsonPropertyName("module")] public PortalModuleMeta? Module { get; set; }
    }
}
