using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ZohoPortal.Core.Tests;

/// <summary>Sits in front of the emulator and keeps every request and answer, so tests can compare bodies.</summary>
public sealed class CapturingHandler : DelegatingHandler
{
    private readonly object _gate = new();
    private readonly List<Exchange> _exchanges = new();

    public CapturingHandler(HttpMessageHandler inner) : base(inner) { }

    /// <summary>When set, answers requests it matches instead of the emulator (to simulate other Zoho versions).</summary>
    public Func<HttpRequestMessage, string?, HttpResponseMessage?>? Override { get; set; }

    public IReadOnlyList<Exchange> Exchanges { get { lock (_gate) return _exchanges.ToArray(); } }

    public Exchange Last(string method, string pathContains) =>
        Exchanges.Last(e => e.Method == method && e.Path.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = Override?.Invoke(request, body) ?? await base.SendAsync(request, cancellationToken);
        var answer = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
        // Re-create the content so the client can still read it.
        response.Content = new StringContent(answer, Encoding.UTF8, "application/json");
        lock (_gate) _exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, body, (int)response.StatusCode, answer));
        return response;
    }

    public sealed record Exchange(string Method, string Path, string Query, string? RequestBody, int Status, string ResponseBody)
    {
        public JsonNode? RequestJson => RequestBody == null ? null : JsonNode.Parse(RequestBody);
        public JsonNode? ResponseJson => ResponseBody.Length == 0 ? null : JsonNode.Parse(ResponseBody);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
