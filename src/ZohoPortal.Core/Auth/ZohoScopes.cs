namespace ZohoPortal.Core.Auth
{
    /// <summary>
    /// The OAuth scopes the flows that ask for scopes (client credentials, device code) request.
    /// The cmdlets call the portal settings API (clientportal), the record-level portal_invite
    /// action of a module (Contacts or a custom personality module), hence modules.ALL, and the
    /// Fields Metadata API when a portal configuration file names field permissions.
    /// </summary>
    public static class ZohoScopes
    {
        /// <summary>The portal settings API: portals, user types, users.</summary>
        public const string ClientPortal = "ZohoCRM.settings.clientportal.ALL";

        /// <summary>Module records, for inviting a record's contact to a portal.</summary>
        public const string Modules = "ZohoCRM.modules.ALL";

        /// <summary>Field metadata, read to check the field names of a portal configuration file.</summary>
        public const string FieldsRead = "ZohoCRM.settings.fields.READ";

        /// <summary>What Connect-ZohoPortal asks for unless given -Scope (Zoho separates scopes with commas).</summary>
        public const string Default = ClientPortal + "," + Modules + "," + FieldsRead;
    }
}
