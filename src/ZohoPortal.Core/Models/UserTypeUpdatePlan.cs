namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A partial update of a user type, validated and with its module names resolved: the body
    /// that the one PUT will carry. -WhatIf builds the same plan as the real run.
    /// </summary>
    public sealed class UserTypeUpdatePlan
    {
        internal UserTypeUpdatePlan(string portal, string userTypeId, string path, PortalUserTypeInput changes, string body)
        {
            Portal = portal;
            UserTypeId = userTypeId;
            Path = path;
            Changes = changes;
            Body = body;
        }

        public string Portal { get; }
        public string UserTypeId { get; }
        public string Method => "PUT";
        /// <summary>The path after /crm/{version}.</summary>
        public string Path { get; }
        /// <summary>The changes with every module resolved.</summary>
        public PortalUserTypeInput Changes { get; }
        /// <summary>The JSON body sent.</summary>
        public string Body { get; }

        public string Describe() => Method + " " + Path + ", 1 call";
    }
}
