namespace ZohoPortal.Core.Models
{
    /// <summary>
    /// A change made with one call (a portal's creation, rename or deletion), described before it
    /// is sent: the confirmation text and -WhatIf read it, and the core sends exactly this method,
    /// path and body (see <see cref="ZohoPortalClient.RunPortalPlanAsync"/>).
    /// </summary>
    public sealed class SingleCallPlan
    {
        internal SingleCallPlan(string method, string path, string? jsonBody)
        {
            Method = method;
            Path = path;
            JsonBody = jsonBody;
        }

        /// <summary>POST, PUT or DELETE.</summary>
        public string Method { get; }

        /// <summary>The path after /crm/{version}.</summary>
        public string Path { get; }

        internal string? JsonBody { get; }

        /// <summary>"DELETE /settings/portals/ZylkerAutos".</summary>
        public string Describe() => Method + " " + Path;

        public override string ToString() => Describe();
    }
}
