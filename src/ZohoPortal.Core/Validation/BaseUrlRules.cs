using System;
using System.Net;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>
    /// What an -ApiBaseUrl / -AccountsBaseUrl may be: an absolute https URL, or plain http only on
    /// a loopback literal (127.0.0.0/8, ::1, localhost), because the client secret, refresh token
    /// and access token travel in every request. A path prefix is honoured (requests go below it);
    /// a query, fragment or user info is refused.
    /// </summary>
    public static class BaseUrlRules
    {
        public static void Validate(Uri? url, string parameterName)
        {
            if (url == null) return;
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                throw new ZohoValidationException("InvalidBaseUrl",
                    parameterName + " '" + url.OriginalString + "' must be an absolute http(s) URL such as https://www.zohoapis.eu.", parameterName);
            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
                throw new ZohoValidationException("InvalidBaseUrl",
                    parameterName + " '" + url.OriginalString + "' must not carry a query, fragment or user name; give the scheme, host, port and at most a path prefix.", parameterName);
            if (url.Scheme == Uri.UriSchemeHttp && !IsLoopbackLiteral(url))
                throw new ZohoValidationException("InsecureBaseUrl",
                    parameterName + " '" + url.OriginalString + "' uses plain http on a host that is not loopback; credentials and tokens would travel in clear. Use https, or http only on 127.0.0.1, ::1 or localhost.", parameterName);
        }

        /// <summary>localhost, or an IP literal in 127.0.0.0/8 or ::1. A name that merely resolves to loopback does not count.</summary>
        public static bool IsLoopbackLiteral(Uri url)
        {
            if (string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (url.HostNameType != UriHostNameType.IPv4 && url.HostNameType != UriHostNameType.IPv6) return false;
            return IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>The base with its path prefix kept, joined with a path that starts with '/'.</summary>
        internal static Uri Join(Uri baseUrl, string pathAndQuery)
        {
            var prefix = baseUrl.AbsolutePath.TrimEnd('/');
            return new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + prefix + pathAndQuery, UriKind.Absolute);
        }
    }
}
