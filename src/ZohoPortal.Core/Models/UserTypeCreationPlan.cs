using System.Linq;

namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A user type ready to be created: validated, module names resolved to ids through portal
    /// meta, every module checked for the layout and view Zoho requires, and the body that will be
    /// sent. -WhatIf builds the same plan as the real run, so it fails where the real run would.
    /// </summary>
    public sealed class UserTypeCreationPlan
    {
        internal UserTypeCreationPlan(string portal, string path, PortalUserTypeInput input, string body)
        {
            Portal = portal;
            Path = path;
            Input = input;
            Body = body;
        }

        public string Portal { get; }
        public string Method => "POST";
        /// <summary>The path after /crm/{version}.</summary>
        public string Path { get; }
        /// <summary>The user type with every module resolved (ids, shared type, view permission).</summary>
        public PortalUserTypeInput Input { get; }
        /// <summary>The JSON body sent.</summary>
        public string Body { get; }

        public string Describe() => "Create (" + Method + " " + Path + ", 1 call; modules "
            + string.Join(", ", (Input.Modules ?? new System.Collections.Generic.List<UserTypeModule>()).Select(m => m.ApiName ?? m.Id)) + ")";
    }
}
