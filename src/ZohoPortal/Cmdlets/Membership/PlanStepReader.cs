using System;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Membership;

namespace ZohoPortal.Cmdlets.Membership
{
    /// <summary>
    /// Recognises a plan step piped back into Sync-PortalUser: the object itself, or the same
    /// object after Export-Clixml / Import-Clixml (a saved plan, reviewed and applied later),
    /// whose type name PowerShell prefixes with "Deserialized.".
    /// </summary>
    internal static class PlanStepReader
    {
        private static readonly string DeserializedName = "Deserialized." + typeof(PortalUserSyncStep).FullName;

        public static PortalUserSyncStep? TryRead(PSObject? value)
        {
            if (value == null) return null;
            if (value.BaseObject is PortalUserSyncStep step) return step;
            if (!value.TypeNames.Contains(DeserializedName)) return null;
            string? Text(string name)
            {
                var raw = value.Properties[name]?.Value;
                if (raw is PSObject inner) raw = inner.BaseObject;
                var text = raw?.ToString();
                return string.IsNullOrWhiteSpace(text) ? null : text;
            }
            bool? Flag(string name) => bool.TryParse(Text(name), out var b) ? b : (bool?)null;
            if (!Enum.TryParse(Text("Action"), true, out PortalUserSyncAction action) || !Enum.IsDefined(typeof(PortalUserSyncAction), action))
                throw new ZohoPortal.Core.Errors.ZohoValidationException("SyncStepInvalidAction",
                    "A saved plan step has no valid Action (" + Text("Action") + "); one of: " + string.Join(", ", Enum.GetNames(typeof(PortalUserSyncAction))) + ".", "InputObject");
            return new PortalUserSyncStep
            {
                Action = action,
                PortalName = Text("PortalName") ?? string.Empty,
                PersonalityId = Text("PersonalityId") ?? string.Empty,
                Email = Text("Email"),
                Name = Text("Name"),
                UserTypeId = Text("UserTypeId") ?? string.Empty,
                UserTypeName = Text("UserTypeName"),
                FromUserTypeId = Text("FromUserTypeId"),
                FromUserTypeName = Text("FromUserTypeName"),
                Module = Text("Module"),
                Language = Text("Language"),
                Confirmed = Flag("Confirmed"),
                Active = Flag("Active"),
                Row = int.TryParse(Text("Row"), out var row) ? row : (int?)null,
                Reason = Text("Reason"),
            };
        }
    }
}
