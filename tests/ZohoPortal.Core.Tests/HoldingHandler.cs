namespace ZohoPortal.Core.Tests;

/// <summary>
/// Sits between the client's pipeline and the emulator and holds the requests it matches until
/// <c>expected</c> of them are in flight together, so a test proves calls overlap without timing;
/// it records the most it saw at once.
/// </summary>
public sealed class HoldingHandler(int expected, Func<HttpRequestMessage, bool> matches) : DelegatingHandler
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _max;
    private int _arrived;

    public int Max => Volatile.Read(ref _max);
    public bool Reached => _reached.Task.IsCompleted;
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Told the running number of each matching request as it arrives (1 for the first).</summary>
    public Action<int>? OnArrive { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!matches(request)) return await base.SendAsync(request, cancellationToken);
        var arrived = Interlocked.Increment(ref _arrived);
        OnArrive?.Invoke(arrived);
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen) { }
        if (now >= expected) _reached.TrySetResult();
        try
        {
            // A hang guard, not a timing assertion: without it a serial client would wait forever.
            await Task.WhenAny(_reached.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
        finally { Interlocked.Decrement(ref _current); }
    }
}
