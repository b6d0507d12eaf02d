using System.Collections.Concurrent;
using System.Net;
using CsCheck;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Property-based: no portal name, id, module or raw path, however hostile, changes the shape of
/// the request URL (host, path template, query keys). Each input is either refused before any
/// API request with a ZohoValidationException, or lands in exactly its own segment.
/// </summary>
public sealed class UrlShapeProperties
{
    private const int Iterations = 400;

    /// <summary>Strings biased towards what bends URLs: dots, slashes, percent forms, control characters, digits.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["./\\%2eEfF?#&=:@ \t\r\n0123456789aZ"], 0, 14],
        Gen.OneOf(".", "..", "%2e%2e", "%2E.", "..%2f", "a/../b", "//x", "?a=b", "#f", "1306462000000659009\n", "ZylkerAutos", "1306462000000659009"),
        Gen.String[Gen.Char.AlphaNumeric, 1, 40]);

    /// <summary>Mostly a valid id, so the other argument's effect on the URL gets exercised; sometimes a hostile one.</summary>
    private static readonly Gen<string> Id = Gen.Frequency((3, Gen.Const("1306462000000659009")), (2, Gen.Long[0, long.MaxValue].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (2, Hostile));

    /// <summary>Answers the token request and records every API request's URL; every API answer is an empty object.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        public ConcurrentQueue<Uri> Api { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/oauth/", StringComparison.Ordinal))
                return Task.FromResult(CapturingHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"1000.propertytoken\",\"expires_in\":3600}"));
            Api.Enqueue(request.RequestUri);
            return Task.FromResult(CapturingHandler.Json(HttpStatusCode.OK, "{}"));
        }
    }

    private static readonly Uri Base = new("https://www.zohoapis.com");

    /// <summary>Runs <paramref name="call"/>; returns the first API URL it sent, or null when it was refused before sending.</summary>
    private static Uri? FirstUrl(Func<ZohoPortalClient, Task> call)
    {
        var recorder = new Recorder();
        using var client = new ZohoPortalClient(new ZohoConnectionOptions { Transport = recorder, ApiBaseUrl = Base, RetryPolicy = new RetryPolicy(0) },
            new RefreshTokenCredential("1000.id", "secret-value", "1000.refresh-value"));
        try
        {
            call(client).GetAwaiter().GetResult();
        }
        catch (ZohoValidationException)
        {
            Assert.Empty(recorder.Api); // refused before any request
            return null;
        }
        catch (Exception e) when (e is ZohoApiException || e is ZohoTransportException || e is System.Text.Json.JsonException)
        {
            // The canned answer is not what the call expects; only the URL matters here.
        }
        Assert.True(recorder.Api.TryPeek(out var first), "no request was sent");
        return first;
    }

    private static string[] Segments(Uri url) => url.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();

    [Fact]
    public void PortalName_AndIds_StayInTheirSegments_OfChangeStatus()
    {
        Gen.Select(Hostile, Id, Id).Sample((portal, typeId, id) =>
        {
            var url = FirstUrl(c => c.ChangeUserStatusAsync(portal, typeId, id, true));
            if (url == null) return;
            Assert.Equal(Base.Host, url.Host);
            Assert.Equal(new[] { "crm", "v8", "settings", "portals", portal, "user_type", typeId, "users", id, "actions", "change_status" }, Segments(url));
            Assert.Equal("?active=true", url.Query);
        }, iter: Iterations);
    }

    [Fact]
    public void PortalName_AndIds_StayInTheirSegments_OfDeleteUsers()
    {
        Gen.Select(Hostile, Id, Id).Sample((portal, typeId, id) =>
        {
            var url = FirstUrl(c => c.DeleteUsersAsync(portal, typeId, new[] { id }));
            if (url == null) return;
            Assert.Equal(Base.Host, url.Host);
            Assert.Equal(new[] { "crm", "v8", "settings", "portals", portal, "user_type", typeId, "users" }, Segments(url));
            Assert.Equal("?personality_ids=" + id, url.Query);
        }, iter: Iterations);
    }

    [Fact]
    public void Module_AndRecordId_StayInTheirSegments_OfTheSingleInvite()
    {
        Gen.Select(Hostile, Id, Id).Sample((module, recordId, typeId) =>
        {
            var url = FirstUrl(c => c.InviteRecordAsync(module, recordId, typeId));
            if (url == null) return;
            Assert.Equal(Base.Host, url.Host);
            Assert.Equal(new[] { "crm", "v8", module, recordId, "actions", "portal_invite" }, Segments(url));
            Assert.Equal(new[] { "user_type_id", "type" }, url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]));
        }, iter: Iterations);
    }

    [Fact]
    public void RawPath_NeverLeavesTheCrmApi_AndQueryValuesNeverAddParameters()
    {
        Gen.Select(Hostile, Hostile, Hostile).Sample((tail, key, value) =>
        {
            var path = "/" + tail;
            var url = FirstUrl(c =>
            {
                var request = new ZohoRequest(HttpMethod.Get, path).AddQuery("k", key).AddQuery("v", value);
                return c.Http.SendAsync(request, r => r, default);
            });
            if (url == null) return;
            Assert.Equal(Base.Host, url.Host);
            Assert.StartsWith("/crm/v", url.AbsolutePath, StringComparison.Ordinal);
            Assert.DoesNotContain("..", Segments(url));
            Assert.DoesNotContain("oauth", url.AbsolutePath.Split('/').Take(3));
            var pairs = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToList();
            Assert.Equal(new[] { "k", "v" }, pairs.Select(p => p[0]));
            Assert.Equal(new[] { key, value }, pairs.Select(p => Uri.UnescapeDataString(p[1])));
        }, iter: Iterations);
    }
}
