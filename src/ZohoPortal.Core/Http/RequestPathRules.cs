using System;
using System.Text.RegularExpressions;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// Keeps every request inside the CRM API: a path relative to /crm/{version}, or an absolute
    /// one that starts with /crm/v4../crm/v8. Dot segments (also percent-encoded), backslashes,
    /// empty segments, control characters and '?'/'#' are refused, because System.Uri would
    /// resolve or reinterpret them and could move the request (and its access token) elsewhere,
    /// such as /oauth/v2/token.
    /// </summary>
    internal static class RequestPathRules
    {
        private static readonly Regex CrmPrefix = new Regex("\\A/crm/v[4-8]/", RegexOptions.CultureInvariant);

        public static void Validate(string path)
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/')
                throw Refuse(path, "it must start with '/'");
            if (path.StartsWith("/crm", StringComparison.OrdinalIgnoreCase) && (path.Length == 4 || path[4] == '/') && !CrmPrefix.IsMatch(path))
                throw Refuse(path, "a path starting with /crm must continue with a version, /crm/v4/ to /crm/v8/");
            foreach (var c in path)
                if (c < 0x20 || c == 0x7f || c == '\\' || c == '?' || c == '#')
                    throw Refuse(path, "it contains a control character, '\\', '?' or '#' (pass query values with -Query)");
            var segments = path.Substring(1).Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                var segment = Uri.UnescapeDataString(segments[i]);
                if (segment == "." || segment == "..")
                    throw Refuse(path, "it contains a '.' or '..' segment");
                if (segment.Length == 0 && i < segments.Length - 1)
                    throw Refuse(path, "it contains an empty segment ('//')");
                if (segment.IndexOf('/') >= 0 || segment.IndexOf('\\') >= 0)
                    throw Refuse(path, "it contains an encoded '/' or '\\'");
            }
        }

        private static ZohoValidationException Refuse(string? path, string why) =>
            new ZohoValidationException("InvalidRequestPath", "The request path '" + path + "' was refused before sending: " + why + ".", "Path");
    }
}
