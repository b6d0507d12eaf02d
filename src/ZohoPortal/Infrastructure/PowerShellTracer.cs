using System.Threading;
using ZohoPortal.Core.Http;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Routes the core's trace lines to the Verbose/Debug streams of whichever cmdlet is running
    /// the call. The cmdlet is found through an AsyncLocal set by <see cref="ZohoPortalCmdlet"/>,
    /// so one connection shared by several runspaces still writes to the right pipeline.
    /// </summary>
    internal sealed class PowerShellTracer : IZohoTracer
    {
        public static readonly PowerShellTracer Instance = new PowerShellTracer();
        private static readonly AsyncLocal<ITraceTarget?> Current = new AsyncLocal<ITraceTarget?>();

        public static void Attach(ITraceTarget? target) => Current.Value = target;

        public bool IsEnabled(ZohoTraceLevel level)
        {
            var target = Current.Value;
            return target != null && (level == ZohoTraceLevel.Verbose ? target.VerboseEnabled : target.DebugEnabled);
        }

        public void Write(ZohoTraceLevel level, string message)
        {
            var target = Current.Value;
            if (target == null) return;
            if (level == ZohoTraceLevel.Verbose) target.PostVerbose(message);
            else target.PostDebug(message);
        }
    }

    internal interface ITraceTarget
    {
        bool VerboseEnabled { get; }
        bool DebugEnabled { get; }
        void PostVerbose(string message);
        void PostDebug(string message);
    }
}
