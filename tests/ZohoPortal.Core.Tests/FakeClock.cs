using ZohoPortal.Core.Http;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Emulated time shared by the client and the emulator: Delay advances time at once instead of
/// sleeping, and every delay asked for is recorded so backoff can be checked exactly. Timers (the
/// per-attempt timeout) never move time themselves; they fire when a Delay or Advance moves time
/// past their due time.
/// </summary>
public sealed class FakeClock : IClock
{
    private readonly object _gate = new();
    private readonly List<(DateTimeOffset Due, TaskCompletionSource Fired)> _timers = new();
    private DateTimeOffset _now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

    public List<TimeSpan> Delays { get; } = new();

    /// <summary>
    /// Real time each Delay also waits, for tests where other requests must make progress while
    /// one backs off (an emulated delay alone completes instantly).
    /// </summary>
    public TimeSpan RealDelayPerCall { get; set; } = TimeSpan.Zero;

    /// <summary>Timers waiting for time to pass.</summary>
    public int PendingTimers { get { lock (_gate) return _timers.Count; } }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
        FireDue();
    }

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
        FireDue();
        return Task.CompletedTask;
    }

    public Task Timer(TimeSpan dueIn, CancellationToken cancellationToken)
    {
        if (dueIn <= TimeSpan.Zero) return Task.CompletedTask;
        // Continuations run inline when the timer fires, so a timeout takes effect before Advance returns.
        var fired = new TaskCompletionSource();
        (DateTimeOffset, TaskCompletionSource) entry;
        lock (_gate)
        {
            entry = (_now + dueIn, fired);
            _timers.Add(entry);
        }
        cancellationToken.Register(() =>
        {
            lock (_gate) _timers.Remove(entry);
            fired.TrySetCanceled();
        });
        return fired.Task;
    }

    private void FireDue()
    {
        List<TaskCompletionSource> due;
        lock (_gate)
        {
            due = _timers.Where(t => t.Due <= _now).Select(t => t.Fired).ToList();
            _timers.RemoveAll(t => t.Due <= _now);
        }
        foreach (var timer in due) timer.TrySetResult();
    }
}
