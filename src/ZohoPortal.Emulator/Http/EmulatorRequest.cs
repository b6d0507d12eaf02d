using System;
using System.Collections.Generic;
using System.Net;

namespace ZohoPortal.Emulator.Http
{
    /// <summary>A request as the emulator sees it, whether it came in-process or over loopback HTTP.</summary>
    public sealed class EmulatorRequest
    {
        public EmulatorRequest(string method, string path, string query, IDictionary<string, string> headers, string body)
        {
            Method = method.ToUpperInvariant();
            Path = path;
            RawQuery = query.TrimStart('?');
            Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
            Body = body ?? string.Empty;
            Query = ParseForm(RawQuery);
        }

        public string Method { get; }
        public string Path { get; }
        public string RawQuery { get; }
        public Dictionary<string, string> Query { get; }
        public Dictionary<string, string> Headers { get; }
        public string Body { get; }

        public string? GetQuery(string name) => Query.TryGetValue(name, out var v) ? v : null;

        internal static Dictionary<string, string> ParseForm(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(text)) return result;
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                var eq = pair.IndexOf('=');
                var key = WebUtility.UrlDecode(eq < 0 ? pair : pair.Substring(0, eq));
                var value = eq < 0 ? string.Empty : WebUtility.UrlDecode(pair.Substring(eq + 1));
                result[key] = value;
            }
            return result;
        }
    }

    /// <summary>What the emulator answers.</summary>
    public sealed class EmulatorResponse
    {
        public EmulatorResponse(int status, string body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; }
        public string Body { get; internal set; }
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Set by the connection-reset fault: the transport drops the connection instead of answering.</summary>
        public bool AbortConnection { get; internal set; }

        /// <summary>Set by the cut-body fault: status and headers go out, the body stops half-way and the connection drops.</summary>
        public bool CutBody { get; internal set; }

        public static EmulatorResponse NoContent() => new EmulatorResponse(204, string.Empty);
    }
}
