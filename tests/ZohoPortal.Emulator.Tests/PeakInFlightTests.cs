using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// The high-water mark of requests in flight, which the load benchmark reports as a client's
/// real concurrency. Requests are held inside the emulator by a latency far longer than the
/// test and released by cancelling them, so nothing here depends on timing.
/// </summary>
public sealed class PeakInFlightTests
{
    [Fact]
    public async Task PeakInFlight_CountsRequestsHeldAtOnce_AndResetStartsFromThoseInFlight()
    {
        var emulator = new ZohoEmulator(new EmulatorOptions { Latency = TimeSpan.FromMinutes(5), ConcurrencyLimit = 15 });
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.Options.BaseUrl };
        var token = await TokenAsync(http, emulator);
        Assert.Equal(0, emulator.PeakInFlight);

        using var release = new CancellationTokenSource();
        var held = Enumerable.Range(0, 3).Select(_ => SendPortalsAsync(http, token, release.Token)).ToArray();
        await WaitUntilAsync(() => emulator.PeakInFlight == 3);
        release.Cancel();
        foreach (var request in held) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(3, emulator.PeakInFlight);

        emulator.ResetPeakInFlight();
        Assert.Equal(0, emulator.PeakInFlight);
        emulator.Options.Latency = TimeSpan.Zero;
        using (var answer = await SendPortalsAsync(http, token, CancellationToken.None)) Assert.True(answer.IsSuccessStatusCode);
        Assert.Equal(1, emulator.PeakInFlight);
    }

    private static Task<HttpResponseMessage> SendPortalsAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/crm/v8/settings/portals");
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
        return http.SendAsync(request, cancellationToken);
    }

    /// <summary>Waits for the held requests to arrive; the bound only guards against a hang.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, guard.Token);
    }

    private static async Task<string> TokenAsync(HttpClient http, ZohoEmulator emulator)
    {
        var url = "/oauth/v2/token?grant_type=refresh_token&client_id=" + Uri.EscapeDataString(ZohoEmulator.DemoClientId)
                  + "&client_secret=" + ZohoEmulator.DemoClientSecret + "&refresh_token=" + Uri.EscapeDataString(emulator.DemoRefreshToken);
        using var response = await http.PostAsync(url, null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }
}
