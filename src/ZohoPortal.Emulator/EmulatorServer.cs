using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.Emulator
{
    /// <summary>
    /// Serves an emulator over HTTP on loopback so any client (curl, Invoke-RestMethod, other SDKs)
    /// can use it. On Windows the listener uses http://localhost:PORT/, the only prefix a
    /// non-administrator may register; elsewhere http://127.0.0.1:PORT/.
    /// </summary>
    public sealed class EmulatorServer : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        private EmulatorServer(ZohoEmulator emulator, HttpListener listener, Uri baseUrl)
        {
            Emulator = emulator;
            _listener = listener;
            BaseUrl = baseUrl;
            emulator.ApiDomain = baseUrl.GetLeftPart(UriPartial.Authority);
            _loop = Task.Run(AcceptLoopAsync);
        }

        public ZohoEmulator Emulator { get; }
        /// <summary>Base URL of both the API (/crm/v8/...) and the token endpoint (/oauth/v2/token).</summary>
        public Uri BaseUrl { get; }
        public int Port => BaseUrl.Port;

        /// <summary>Starts serving <paramref name="emulator"/>; port 0 picks any free port.</summary>
        public static EmulatorServer Start(ZohoEmulator emulator, int port = 0)
        {
            if (emulator == null) throw new ArgumentNullException(nameof(emulator));
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port));
            var host = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "localhost" : "127.0.0.1";
            Exception? last = null;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var chosen = port == 0 ? FreePort() : port;
                var listener = new HttpListener();
                var prefix = "http://" + host + ":" + chosen + "/";
                listener.Prefixes.Add(prefix);
                try
                {
                    listener.Start();
                    return new EmulatorServer(emulator, listener, new Uri(prefix));
                }
                catch (HttpListenerException e)
                {
                    last = e;
                    listener.Close();
                    if (port != 0) break;
                }
            }
            throw new InvalidOperationException("Could not start the emulator on loopback: " + last?.Message, last);
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            try
            {
                var request = context.Request;
                string body;
                using (var reader = new StreamReader(request.InputStream, request.ContentEncoding ?? Encoding.UTF8)) body = await reader.ReadToEndAsync().ConfigureAwait(false);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string? key in request.Headers.AllKeys)
                    if (key != null) headers[key] = request.Headers[key] ?? string.Empty;
                var url = request.Url ?? new Uri(BaseUrl, request.RawUrl);
                var emulated = new EmulatorRequest(request.HttpMethod, url.AbsolutePath, url.Query, headers, body);
                var answer = await Emulator.HandleAsync(emulated, _stop.Token).ConfigureAwait(false);
                if (answer.AbortConnection)
                {
                    // Promise a body, send a few bytes of it, then drop the connection: the client
                    // sees the connection die mid-answer whatever the listener does on Abort.
                    context.Response.StatusCode = 200;
                    context.Response.ContentLength64 = 4096;
                    var partial = Encoding.UTF8.GetBytes("{\"portals\":");
                    await context.Response.OutputStream.WriteAsync(partial, 0, partial.Length).ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                }
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                if (answer.CutBody)
                {
                    // The real status and length, half the body, then the connection drops.
                    context.Response.StatusCode = answer.Status;
                    context.Response.ContentType = "application/json;charset=utf-8";
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length / 2).ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                }
                context.Response.StatusCode = answer.Status;
                foreach (var h in answer.Headers)
                    if (!string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) context.Response.Headers[h.Key] = h.Value;
                if (answer.Status != 204)
                {
                    // JSON unless the answer says otherwise (the device flow's verification page is HTML).
                    context.Response.ContentType = answer.Headers.TryGetValue("Content-Type", out var type) ? type : "application/json;charset=utf-8";
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                }
                context.Response.Close();
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch (Exception) { }
            }
        }

        public void Dispose()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            _stop.Dispose();
        }
    }
}
