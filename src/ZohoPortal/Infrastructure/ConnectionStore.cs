using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// The connection cmdlets use when -Connection is not given, one per runspace, so two scripts
    /// in one process (two Pester containers, two runbook jobs, parallel tests) never act on each
    /// other's org. A new runspace (ForEach-Object -Parallel, a thread job) starts unconnected:
    /// pass -Connection $using:connection there, rather than silently reusing another's.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> PerRunspace = new ConditionalWeakTable<Runspace, Holder>();

        /// <summary>The current runspace's connection; read it on the pipeline thread (workers have no default runspace).</summary>
        public static ZohoPortalConnection? Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace == null || !PerRunspace.TryGetValue(runspace, out var holder)) return null;
                var connection = holder.Connection;
                return connection == null || connection.IsDisposed ? null : connection;
            }
        }

        public static void Set(ZohoPortalConnection connection)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace != null) PerRunspace.GetOrCreateValue(runspace).Connection = connection;
        }

        /// <summary>Forgets <paramref name="connection"/> if it is the current runspace's.</summary>
        public static void Clear(ZohoPortalConnection connection)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace != null && PerRunspace.TryGetValue(runspace, out var holder) && ReferenceEquals(holder.Connection, connection))
                holder.Connection = null;
        }

        private sealed class Holder
        {
            public ZohoPortalConnection? Connection;
        }
    }
}
