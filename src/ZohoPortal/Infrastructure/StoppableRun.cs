using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// The two-step stop of a command that changes many users: Ctrl+C (the command's stop token)
    /// starts nothing new and lets the calls in flight finish; if they have not finished after the
    /// connection's StopGrace, they are given up on (the abort token). Then one summary error names
    /// whatever was left, even though a stopped command may no longer write.
    /// </summary>
    internal static class StoppableRun
    {
        /// <summary>The bridge waits 30 s for stopped work; the grace for the call in flight stays below it.</summary>
        private static readonly TimeSpan LongestGrace = TimeSpan.FromSeconds(25);

        /// <summary>The connection's StopGrace, kept between zero and the bridge's own wait.</summary>
        public static TimeSpan GraceOf(ZohoPortalConnection connection)
        {
            var grace = connection.StopGrace;
            return grace > LongestGrace ? LongestGrace : grace < TimeSpan.Zero ? TimeSpan.Zero : grace;
        }

        /// <summary>Runs <paramref name="work"/> (stop, abort): abort follows <paramref name="stop"/> after <paramref name="grace"/>.</summary>
        public static async Task RunAsync(CancellationToken stop, TimeSpan grace, Func<CancellationToken, CancellationToken, Task> work)
        {
            using (var abort = new CancellationTokenSource())
            using (stop.Register(() => abort.CancelAfter(grace)))
            {
                await work(stop, abort.Token).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Writes the summary error; when the command is stopped and may not write, puts it first in
        /// $Error and says so on the host, so the user still finds it.
        /// </summary>
        public static void WriteSummary(PSCmdlet cmdlet, ErrorRecord record)
        {
            try
            {
                cmdlet.WriteError(record);
            }
            catch (PipelineStoppedException)
            {
                if (cmdlet.SessionState.PSVariable.GetValue("Error") is ArrayList errors) errors.Insert(0, record);
                try { cmdlet.Host?.UI?.WriteWarningLine(record.Exception.Message + " See $Error[0]."); } catch (Exception) { }
            }
        }
    }
}
