using System.Net;
using System.Net.Sockets;
using System.Text;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// The real .NET transport over a raw loopback socket: a server that keeps the connection for
/// the first request, then reads a change and drops the connection without answering. .NET
/// re-sends a body-less request on its own in that case; the module's requests must arrive once.
/// </summary>
public sealed class SilentResendTests
{
    /// <summary>Answers tokens and GETs; counts and drops every request whose path contains "/drop".</summary>
    private sealed class DroppingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _drops;

        public DroppingServer()
        {
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri BaseUrl => new("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port);
        public int Arrivals => Volatile.Read(ref _drops);

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            var stream = client.GetStream();
            var buffer = new byte[65536];
            while (true)
            {
                int read;
                try { read = await stream.ReadAsync(buffer); } catch { return; }
                if (read == 0) return;
                var text = Encoding.ASCII.GetString(buffer, 0, read);
                if (text.Contains("/drop"))
                {
                    Interlocked.Increment(ref _drops);
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Close();
                    return;
                }
                var body = text.Contains("/oauth/")
                    ? "{\"access_token\":\"1000.loopbacktoken\",\"expires_in\":3600}"
                    : "{\"portals\":[]}";
                var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\n\r\n" + body;
                try { await stream.WriteAsync(Encoding.ASCII.GetBytes(answer)); } catch { return; }
            }
        }

        public void Dispose() => _listener.Stop();
    }

    [Fact]
    public async Task BodylessPost_OnTheBareTransport_IsResentSilently_WhichIsWhatTheModuleMustPrevent()
    {
        // The control: proves the server provokes .NET's own re-send, so the next tests can fail.
        using var server = new DroppingServer();
        using var http = new HttpClient();
        (await http.GetAsync(new Uri(server.BaseUrl, "/warm"))).Dispose();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(server.BaseUrl, "/drop"), null));
        Assert.True(server.Arrivals > 1, "expected the transport to re-send, saw " + server.Arrivals);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Change_WhoseConnectionDrops_ArrivesOnce_AndItsOutcomeIsUnknown(string method)
    {
        using var server = new DroppingServer();
        var tracer = new RecordingTracer();
        using var client = new ZohoPortalClient(new ZohoConnectionOptions { ApiBaseUrl = server.BaseUrl, AccountsBaseUrl = server.BaseUrl, Tracer = tracer },
            new RefreshTokenCredential("1000.client", "client-secret-value", "1000.refresh-token-value"));
        await client.GetPortalsAsync(); // a pooled connection, as in a long run

        var e = await Assert.ThrowsAsync<ZohoOutcomeUnknownException>(() =>
            client.Http.SendAsync(new ZohoRequest(new HttpMethod(method), "/settings/drop"), r => r, default));

        Assert.Equal(1, server.Arrivals);
        Assert.Equal("TRANSPORT_ERROR", e.CauseCode);
        Assert.Single(tracer.Lines, l => l.Message.StartsWith("HTTP " + method + " /crm/v8/settings/drop", StringComparison.Ordinal));
    }
}
