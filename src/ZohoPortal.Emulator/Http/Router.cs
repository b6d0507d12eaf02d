using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Http
{
    /// <summary>One matched API request: route values, the org, the emulated time.</summary>
    internal sealed class RouteContext
    {
        public RouteContext(EmulatorRequest request, Dictionary<string, string> values, ZohoEmulator emulator, int version)
        {
            Request = request;
            Values = values;
            Emulator = emulator;
            Version = version;
        }

        public EmulatorRequest Request { get; }
        public Dictionary<string, string> Values { get; }
        public ZohoEmulator Emulator { get; }
        public OrgState Org => Emulator.Org;
        /// <summary>API version number (4 to 8).</summary>
        public int Version { get; }
        public DateTimeOffset Now => Emulator.Now;

        public string this[string name] => Values[name];

        /// <summary>
        /// Parses the JSON body as an object. On failure returns null and sets <paramref name="error"/>
        /// to Zoho's answer (zoho-api.md "Answers and errors": JSON_PARSE_ERROR for malformed JSON, INVALID_DATA for a non-object).
        /// </summary>
        public JsonObject? ReadBody(out EmulatorResponse? error)
        {
            error = null;
            JsonNode? node;
            try
            {
                node = string.IsNullOrWhiteSpace(Request.Body) ? null : JsonNode.Parse(Request.Body);
                RefuseRepeatedKeys(node);
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException)
            {
                error = Zj.Fail(400, "JSON_PARSE_ERROR", "Invalid JSON format", new JsonObject());
                return null;
            }
            if (node is JsonObject obj) return obj;
            error = Zj.Fail(400, "INVALID_DATA", "body", Zj.Details(("expected_data_type", "jsonobject")));
            return null;
        }

        /// <summary>
        /// JsonObject builds its dictionary lazily and throws ArgumentException on a repeated key
        /// the first time it is read, which would otherwise surface deep inside an endpoint. Zoho's
        /// parser refuses such a body, so every object is touched here once, up front.
        /// </summary>
        private static void RefuseRepeatedKeys(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var pair in obj) RefuseRepeatedKeys(pair.Value);
                    break;
                case JsonArray array:
                    foreach (var item in array) RefuseRepeatedKeys(item);
                    break;
            }
        }
    }

    /// <summary>
    /// Matches "/crm/{version}/..." paths against templates like "settings/portals/{portal}".
    /// Distinguishes an unknown URL (404 INVALID_URL_PATTERN) from a known URL with the wrong verb
    /// (400 INVALID_REQUEST_METHOD), as Zoho does (zoho-api.md "Answers and errors").
    /// </summary>
    internal sealed class Router
    {
        private readonly List<Route> _routes = new List<Route>();

        public void Map(string method, string template, Func<RouteContext, EmulatorResponse> handler, int minVersion = 4)
        {
            _routes.Add(new Route(method.ToUpperInvariant(), template.Trim('/').Split('/'), handler, minVersion));
        }

        public EmulatorResponse Dispatch(EmulatorRequest request, ZohoEmulator emulator)
        {
            var segments = request.Path.Trim('/').Split('/');
            if (segments.Length < 3 || segments[0] != "crm" || !TryParseVersion(segments[1], out var version))
                return NotFound();

            var rest = new string[segments.Length - 2];
            Array.Copy(segments, 2, rest, 0, rest.Length);
            var pathKnown = false;
            foreach (var route in _routes)
            {
                var values = route.Match(rest);
                if (values == null || version < route.MinVersion) continue;
                pathKnown = true;
                if (route.Method != request.Method) continue;
                return route.Handler(new RouteContext(request, values, emulator, version));
            }

            return pathKnown
                ? Zj.Fail(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one")
                : NotFound();
        }

        private static EmulatorResponse NotFound() =>
            Zj.Fail(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");

        private static bool TryParseVersion(string segment, out int version)
        {
            version = 0;
            return segment.Length == 2 && segment[0] == 'v' && int.TryParse(segment.Substring(1), out version) && version >= 4 && version <= 8;
        }

        private sealed class Route
        {
            private readonly string[] _template;

            public Route(string method, string[] template, Func<RouteContext, EmulatorResponse> handler, int minVersion)
            {
                Method = method;
                _template = template;
                Handler = handler;
                MinVersion = minVersion;
            }

            public string Method { get; }
            public Func<RouteContext, EmulatorResponse> Handler { get; }
            public int MinVersion { get; }

            public Dictionary<string, string>? Match(string[] segments)
            {
                if (segments.Length != _template.Length) return null;
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < segments.Length; i++)
                {
                    var t = _template[i];
                    if (t.Length > 2 && t[0] == '{' && t[t.Length - 1] == '}')
                    {
                        if (segments[i].Length == 0) return null;
                        values[t.Substring(1, t.Length - 2)] = WebUtility.UrlDecode(segments[i]);
                    }
                    else if (!string.Equals(t, segments[i], StringComparison.Ordinal))
                    {
                        return null;
                    }
                }
                return values;
            }
        }
    }
}
