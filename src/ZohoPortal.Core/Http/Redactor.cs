using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// Masks secrets in any text before it leaves the core. Two layers: secret-shaped fields
    /// (token keys in JSON, form fields and query strings, the Authorization header) are masked by
    /// pattern, and every secret value the connection knows is masked wherever it appears.
    /// </summary>
    internal sealed class Redactor
    {
        internal const string Mask = "***";

        private static readonly Regex SecretFields = new Regex(
            "(?<key>\"?(?:access_token|refresh_token|client_secret|device_code|token)\"?\\s*[:=]\\s*\"?)(?<value>[^\"&\\s,}]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // A grant code only travels as a form or query field. In JSON, "code" is Zoho's error code
        // (INVALID_TOKEN, ALREADY_USED...), which must stay readable in -Debug output.
        private static readonly Regex GrantCodeField = new Regex(
            "(?<key>(?<![\\w\"])code=)(?<value>[^&\\s\"]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex AuthHeader = new Regex(
            "(?<key>Zoho-oauthtoken\\s+)(?<value>\\S+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private readonly object _gate = new object();
        private readonly HashSet<string> _secrets = new HashSet<string>(StringComparer.Ordinal);
        private string[] _snapshot = Array.Empty<string>();

        /// <summary>Remember a secret value so it is masked wherever it shows up later.</summary>
        public void Register(string? secret)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < 4) return;
            lock (_gate)
            {
                if (_secrets.Add(secret)) _snapshot = new List<string>(_secrets).ToArray();
            }
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = SecretFields.Replace(text, m => m.Groups["key"].Value + Mask);
            result = GrantCodeField.Replace(result, m => m.Groups["key"].Value + Mask);
            result = AuthHeader.Replace(result, m => m.Groups["key"].Value + Mask);
            foreach (var secret in _snapshot)
            {
                if (result.IndexOf(secret, StringComparison.Ordinal) >= 0) result = result.Replace(secret, Mask);
            }
            return result;
        }
    }
}
