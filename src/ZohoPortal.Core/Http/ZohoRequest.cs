using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace ZohoPortal.Core.Http
{
    /// <summary>One CRM API call, relative to {api-domain}/crm/{version}.</summary>
    public sealed class ZohoRequest
    {
        public ZohoRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        public HttpMethod Method { get; }
        /// <summary>Path after /crm/{version}, starting with '/', segments already escaped. An absolute path starting with /crm/ is used as is.</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public string? JsonBody { get; set; }

        /// <summary>
        /// Batch endpoints answer per-item results inside this wrapper key even with HTTP 207 or 400
        /// (zoho-api.md "Mixed batches"). When set, such an answer is handed to the reader instead of becoming an exception.
        /// </summary>
        public string? BatchWrapperKey { get; set; }

        public ZohoRequest AddQuery(string name, string? value)
        {
            if (value != null) Query.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        /// <summary>Builds "path?query" with every query value escaped.</summary>
        internal string BuildRelativeUrl(string apiVersion)
        {
            RequestPathRules.Validate(Path);
            var sb = new StringBuilder();
            if (Path.StartsWith("/crm/", StringComparison.Ordinal)) sb.Append(Path);
            else sb.Append("/crm/").Append(apiVersion).Append(Path);
            for (var i = 0; i < Query.Count; i++)
            {
                sb.Append(i == 0 ? '?' : '&');
                sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }
            return sb.ToString();
        }

        /// <summary>Escapes one path segment (a portal name, a module API name).</summary>
        public static string Segment(string value) => Uri.EscapeDataString(value);
    }

    /// <summary>An answer from the CRM API.</summary>
    public sealed class ZohoResponse
    {
        internal ZohoResponse(int statusCode, string body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }
        /// <summary>The body text; empty for 204.</summary>
        public string Body { get; }
        public bool IsEmpty => StatusCode == 204 || Body.Length == 0;
    }
}
