using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>A user type as Zoho lists it, turned into its configuration-file form (export, and the planner's view of the target).</summary>
    public static class PortalConfigurationConverter
    {
        /// <summary>A whole portal's configuration from its user types (listed with their modules).</summary>
        public static PortalConfiguration FromUserTypes(string portal, IEnumerable<PortalUserType> userTypes)
        {
            var configuration = new PortalConfiguration
            {
                Portal = portal,
                UserTypes = userTypes.Select(FromUserType).ToList(),
            };
            configuration.Normalize();
            return configuration;
        }

        public static ConfiguredUserType FromUserType(PortalUserType type)
        {
            var configured = new ConfiguredUserType
            {
                Name = type.Name,
                Id = string.IsNullOrEmpty(type.Id) ? null : type.Id,
                Default = type.Default,
                Active = type.Active,
                PersonalityModule = new ConfiguredModuleRef { ApiName = type.PersonalityModule ?? string.Empty, Id = type.PersonalityModuleInfo?.Id },
                InvitationField = type.InvitationFieldInfo?.ApiName == null ? null
                    : new ConfiguredModuleRef { ApiName = type.InvitationFieldInfo.ApiName, Id = type.InvitationFieldInfo.Id },
                Modules = (type.Modules ?? new List<UserTypeModule>()).Where(m => m != null && m.Delete != true).Select(FromModule).ToList(),
            };
            configured.Normalize();
            return configured;
        }

        private static ConfiguredModule FromModule(UserTypeModule m) => new ConfiguredModule
        {
            ApiName = m.ApiName ?? m.Id ?? string.Empty,
            Id = m.Id,
            SharedType = m.SharedType,
            Permissions = m.Permissions == null ? new ConfiguredPermissions() : new ConfiguredPermissions
            {
                View = m.Permissions.View,
                Edit = m.Permissions.Edit,
                EditSharedRecords = m.Permissions.EditSharedRecords,
                Create = m.Permissions.Create,
                Delete = m.Permissions.Delete,
                CreateAttachment = m.Permissions.CreateAttachment,
                DeleteAttachment = m.Permissions.DeleteAttachment,
            },
            Layouts = m.Layouts?.Select(l => new ConfiguredNamedRef { Name = l.Name ?? l.DisplayLabel ?? l.Id ?? string.Empty, Id = l.Id }).ToList(),
            View = m.Views == null ? null : new ConfiguredNamedRef { Name = m.Views.Name ?? m.Views.DisplayLabel ?? m.Views.Id ?? string.Empty, Id = m.Views.Id, Type = m.Views.Type },
            Filters = m.Filters?.Select(f => new ConfiguredModuleRef { ApiName = f.ApiName ?? f.DisplayLabel ?? f.Id ?? string.Empty, Id = f.Id }).ToList(),
            Fields = m.Fields?.Where(f => f.Delete != true).Select(f => new ConfiguredField { ApiName = f.ApiName ?? f.Id ?? string.Empty, Id = f.Id, ReadOnly = f.ReadOnly ?? false }).ToList(),
        };
    }
}
