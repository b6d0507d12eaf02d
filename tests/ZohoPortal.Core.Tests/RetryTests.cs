using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task Throttled_ThreeTimes_IsRetriedWithGrowingBackoff()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Clock.Delays.Clear();
        org.Emulator.Faults.Add(FaultKind.TooManyRequests, 3);

        Assert.Single(await org.Client.GetPortalsAsync());

        Assert.Equal(3, org.Emulator.RequestLog.Entries.Count(e => e.Status == 429));
        Assert.Equal(3, org.Clock.Delays.Count);
        // Full jitter between half and all of 1 s, 2 s, 4 s.
        for (var i = 0; i < 3; i++)
            Assert.InRange(org.Clock.Delays[i].TotalMilliseconds, 500 * Math.Pow(2, i), 1000 * Math.Pow(2, i));
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Clock.Delays.Clear();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.TooManyRequests) { RetryAfter = TimeSpan.FromSeconds(7) });

        await org.Client.GetPortalsAsync();

        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, org.Clock.Delays);
    }

    [Fact]
    public async Task EmulatorConcurrencyLimit_WithRetryAfter_IsSurvived()
    {
        using var org = new EmulatedOrg(
            configureEmulator: o => { o.ConcurrencyLimit = 2; o.Latency = TimeSpan.FromMilliseconds(30); o.RetryAfter = TimeSpan.FromSeconds(3); },
            configureClient: o => { o.MaxConcurrency = 8; o.RetryPolicy = new RetryPolicy(maxRetries: 50, seed: 5); });
        await org.Client.GetPortalsAsync();
        org.Clock.RealDelayPerCall = TimeSpan.FromMilliseconds(25);

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => org.Client.GetPortalsAsync())).ToArray();
        await Task.WhenAll(calls);

        Assert.All(calls, c => Assert.Single(c.Result));
        Assert.Contains(org.Emulator.RequestLog.Entries, e => e.Status == 429);
        Assert.All(org.Clock.Delays, d => Assert.Equal(TimeSpan.FromSeconds(3), d));
    }

    [Fact]
    public async Task ClientConcurrencyAtTheOrgLimit_IsNeverThrottled()
    {
        using var org = new EmulatedOrg(
            configureEmulator: o => { o.ConcurrencyLimit = 2; o.Latency = TimeSpan.FromMilliseconds(20); },
            configureClient: o => o.MaxConcurrency = 2);
        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(() => org.Client.GetPortalsAsync())).ToArray();
        await Task.WhenAll(calls);
        Assert.DoesNotContain(org.Emulator.RequestLog.Entries, e => e.Status == 429);
    }

    [Fact]
    public async Task ThrottledBeyondMaxRetries_Surfaces429WithZohosCode()
    {
        using var org = new EmulatedOrg(configureClient: o => o.RetryPolicy = new RetryPolicy(maxRetries: 2, seed: 1));
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(FaultKind.TooManyRequests, 10);
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.GetPortalsAsync());
        Assert.Equal("TOO_MANY_REQUESTS", e.Code);
        Assert.Equal(429, e.HttpStatus);
        Assert.Equal(3, org.Emulator.RequestLog.Entries.Count(x => x.Status == 429));
    }

    [Theory]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.TruncatedJson)]
    public async Task TransientFailure_OnARead_IsRetried(FaultKind kind)
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(kind, 2);
        Assert.Single(await org.Client.GetPortalsAsync());
        Assert.Equal(2, org.Clock.Delays.Count);
    }

    [Theory]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.ConnectionReset)]
    public async Task AmbiguousFailure_OnAPost_IsNotRepeated(FaultKind kind)
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(new EmulatorFault(kind) { Method = "POST" });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => org.Client.CreatePortalAsync("ZylkerCare"));
        Assert.True(e is ZohoApiException || e is ZohoTransportException, e.GetType().Name);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("POST", "/settings/portals"));
    }

    [Fact]
    public async Task ServiceUnavailable_OnAPost_IsNotRepeated_BecauseAGatewayMayAnswerItAfterTheWork()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.ServiceUnavailable) { Method = "POST" });
        var e = await Assert.ThrowsAsync<ZohoOutcomeUnknownException>(() => org.Client.CreatePortalAsync("ZylkerCare"));
        Assert.Equal("HTTP_503", e.CauseCode);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("POST", "/settings/portals"));
    }

    [Fact]
    public async Task Throttled_OnAPost_IsRepeated_BecauseZohoDidNothing()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.TooManyRequests) { Method = "POST" });
        await org.Client.CreatePortalAsync("ZylkerCare");
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("POST", "/settings/portals"));
        Assert.Contains("Retry 1 of 6 for POST /settings/portals", org.Tracer.AllText());
    }

    [Fact]
    public async Task SlowAnswer_BeyondTheTimeout_IsATransportErrorAfterRetries()
    {
        // The timeout runs on the connection's clock: an hour-long limit and a two-hour hold pass in emulated time.
        using var org = new EmulatedOrg(configureClient: o =>
        {
            o.RequestTimeout = TimeSpan.FromHours(1);
            o.RetryPolicy = new RetryPolicy(maxRetries: 1, seed: 3);
        });
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.Delay, 2) { Delay = TimeSpan.FromHours(2) });
        var e = await Assert.ThrowsAsync<ZohoTransportException>(() => org.Client.GetPortalsAsync());
        Assert.Contains("no answer within 3600 s", e.Message);
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("GET", "/settings/portals") - 1);
        Assert.Equal(0, org.Clock.PendingTimers);
    }

    [Fact]
    public async Task CancelledByCaller_StopsAtOnce()
    {
        // The emulator holds the answer in real time here, so only the caller's cancellation can end the wait.
        using var org = new EmulatedOrg(configureEmulator: o => o.Wait = (d, ct) => Task.Delay(d, ct));
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.Delay) { Delay = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => org.Client.GetPortalsAsync(cts.Token));
    }
}
