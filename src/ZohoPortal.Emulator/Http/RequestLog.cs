using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ZohoPortal.Emulator.Http
{
    /// <summary>One request the emulator answered.</summary>
    public sealed class RequestLogEntry
    {
        public RequestLogEntry(string method, string path, string query, int status, DateTimeOffset time, string? fault = null,
            int? answeredStatus = null, string? answeredBody = null, DateTimeOffset? received = null)
        {
            Received = received ?? time;
            Fault = fault;
            AnsweredStatus = answeredStatus;
            AnsweredBody = answeredBody;
            Method = method;
            Path = path;
            Query = query;
            Status = status;
            Time = time;
        }

        public string Method { get; }
        public string Path { get; }
        /// <summary>The query string with secret values masked.</summary>
        public string Query { get; }
        /// <summary>HTTP status answered; 0 when the connection was dropped.</summary>
        public int Status { get; }
        /// <summary>When the answer was ready (the emulator's clock).</summary>
        public DateTimeOffset Time { get; }
        /// <summary>When the request arrived (the emulator's clock): with <see cref="Time"/>, a timeline of what a client kept in flight.</summary>
        public DateTimeOffset Received { get; }
        /// <summary>The fault injected into this request ("ConnectionReset", "CutBody after acting", ...), null when none.</summary>
        public string? Fault { get; }
        /// <summary>
        /// The status the emulator's API actually answered, before a fault after acting replaced or
        /// cut it; null when the request was failed before it reached the API. 200/207 on a change
        /// means it took effect.
        /// </summary>
        public int? AnsweredStatus { get; }
        /// <summary>The real answer's body for requests other than GET (null for reads), with its per-item results.</summary>
        public string? AnsweredBody { get; }

        public override string ToString() => Method + " " + Path + (Query.Length > 0 ? "?" + Query : string.Empty) + " -> " + Status
                                             + (Fault == null ? string.Empty : " [" + Fault + "]");
    }

    /// <summary>Every request answered, in order, so tests can count calls.</summary>
    public sealed class RequestLog
    {
        private static readonly Regex Secrets = new Regex("((?:client_secret|refresh_token|code|token)=)[^&]*", RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private readonly object _gate = new object();
        private readonly List<RequestLogEntry> _entries = new List<RequestLogEntry>();

        internal void Add(string method, string path, string query, int status, DateTimeOffset time, string? fault = null,
            int? answeredStatus = null, string? answeredBody = null, DateTimeOffset? received = null)
        {
            var entry = new RequestLogEntry(method, path, Secrets.Replace(query, "$1***"), status, time, fault, answeredStatus, answeredBody, received);
            lock (_gate) _entries.Add(entry);
        }

        public IReadOnlyList<RequestLogEntry> Entries
        {
            get { lock (_gate) return _entries.ToArray(); }
        }

        public int Count
        {
            get { lock (_gate) return _entries.Count; }
        }

        /// <summary>Requests with this method whose path contains <paramref name="pathContains"/>.</summary>
        public int CountOf(string method, string pathContains)
        {
            lock (_gate)
                return _entries.Count(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase)
                                           && e.Path.IndexOf(pathContains, StringComparison.OrdinalIgnoreCase) >= 0);
        }

        public void Clear()
        {
            lock (_gate) _entries.Clear();
        }
    }
}
