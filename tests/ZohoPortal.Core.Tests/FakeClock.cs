using ZohoPortal.Core.Http;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Emulated time shared by the client and the emulator: Delay advances time at once instead of
/// sleeping, and every delay asked for is recorded so backoff can be checked exactly.
/// </summary>
public sealed class FakeClock : IClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

    public List<TimeSpan> Delays { get; } = new();

    /// <summary>
    /// Real time each Delay also waits, for tests where other requests must make progress while
    /// one backs off (an emulated delay alone completes instantly).
    /// </summary>
    public TimeSpan RealDelayPerCall { get; set; } = TimeSpan.Zero;

    public void Advance(TimeSpan by) { lock (_gate) _now += by; }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (RealDelayPerCall > TimeSpan.Zero)
        {
            lock (_gate) Delays.Add(delay);
            return Task.Delay(RealDelayPerCall, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Delays.Add(delay);
            if (delay > TimeSpan.Zero) _now += delay;
        }
        return Task.CompletedTask;
    }
}
