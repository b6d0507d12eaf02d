namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// The connection cmdlets use when -Connection is not given. Process-wide, like the module's
    /// other session state, so runspaces started by a runbook share it; pass -Connection explicitly
    /// to work with several orgs at once.
    /// </summary>
    internal static class ConnectionStore
    {
        private static volatile ZohoPortalConnection? _current;

        public static ZohoPortalConnection? Current
        {
            get => _current;
            set => _current = value;
        }
    }
}
