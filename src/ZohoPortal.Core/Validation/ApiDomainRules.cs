using System;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>
    /// The token answer's api_domain names the host every later call (and its access token) goes
    /// to, so it is accepted only as https on a Zoho API host of the connection's data centre.
    /// With an -ApiBaseUrl set, that URL is used and api_domain is ignored; an accounts server the user
    /// set (-AccountsBaseUrl) may name its own address.
    /// </summary>
    internal static class ApiDomainRules
    {
        public static string? Accept(string? apiDomain, ZohoConnectionOptions options)
        {
            if (string.IsNullOrEmpty(apiDomain) || options.ApiBaseUrl != null) return null;
            // An accounts server the user named (an emulator on loopback, say) may name itself as API host.
            if (options.AccountsBaseUrl != null && Uri.TryCreate(apiDomain, UriKind.Absolute, out var own)
                && string.Equals(own.GetLeftPart(UriPartial.Authority), options.AccountsBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
                && (own.AbsolutePath == "/" || own.AbsolutePath.Length == 0))
                return own.GetLeftPart(UriPartial.Authority);
            if (!Uri.TryCreate(apiDomain, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
                || (url.AbsolutePath != "/" && url.AbsolutePath.Length > 0) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo)
                || !url.IsDefaultPort || !IsZohoApiHost(url.Host, options.DataCenter))
                throw new ZohoValidationException("UntrustedApiDomain",
                    "The accounts server named '" + apiDomain + "' as the API host (api_domain), which is not an https Zoho API host of data centre "
                    + options.DataCenter + " (such as " + ZohoEndpoints.GetApiUrl(options.DataCenter, ZohoEnvironment.Production).Host
                    + "); nothing was sent to it. Check -DataCenter, or set -ApiBaseUrl explicitly.", "api_domain");
            return url.GetLeftPart(UriPartial.Authority);
        }

        private static bool IsZohoApiHost(string host, ZohoDataCenter dataCenter)
        {
            var production = ZohoEndpoints.GetApiUrl(dataCenter, ZohoEnvironment.Production).Host; // www.zohoapis.<suffix>
            var domain = production.Substring("www.".Length);
            return string.Equals(host, domain, StringComparison.OrdinalIgnoreCase)
                   || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase) && host.IndexOf('.') == host.Length - domain.Length - 1;
        }
    }
}
