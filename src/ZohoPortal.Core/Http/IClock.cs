using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http
{
    /// <summary>Time source for token expiry, backoff and per-attempt timeouts, so tests can run hours of emulated time instantly.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits (the caller has nothing else to do): backoff, polling pauses. A fake clock advances its time at once.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);

        /// <summary>
        /// Completes once <paramref name="dueIn"/> has passed on this clock while something else
        /// runs: the per-attempt timeout. Unlike <see cref="Delay"/>, a fake clock must not move
        /// time forward for it; it fires when other work (a Delay, an explicit advance) moves time past the due time.
        /// </summary>
        Task Timer(TimeSpan dueIn, CancellationToken cancellationToken);
    }

    /// <summary>The real clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
        public Task Timer(TimeSpan dueIn, CancellationToken cancellationToken) =>
            dueIn <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(dueIn, cancellationToken);
    }
}
