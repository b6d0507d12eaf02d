using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;

namespace ZohoPortal.Core
{
    /// <summary>Everything a connection needs besides the credential.</summary>
    public sealed class ZohoConnectionOptions
    {
        private static readonly Regex VersionPattern = new Regex("^v[4-8]$", RegexOptions.CultureInvariant);
        private string _apiVersion = "v8";

        public ZohoDataCenter DataCenter { get; set; } = ZohoDataCenter.US;
        public ZohoEnvironment Environment { get; set; } = ZohoEnvironment.Production;

        /// <summary>CRM API version, v4 to v8 (zoho-api.md "Requests"). Bulk invite needs v5 or later.</summary>
        public string ApiVersion
        {
            get => _apiVersion;
            set
            {
                var v = (value ?? string.Empty).Trim().ToLowerInvariant();
                if (!VersionPattern.IsMatch(v))
                    throw new ZohoValidationException("InvalidApiVersion", "ApiVersion must be one of v4, v5, v6, v7, v8; got '" + value + "'.", nameof(ApiVersion));
                _apiVersion = v;
            }
        }

        /// <summary>Overrides the API host (an emulator on loopback, a proxy). Null: the data centre's host or the token's api_domain.</summary>
        public Uri? ApiBaseUrl { get; set; }
        /// <summary>Overrides the accounts (OAuth) server. Null: the data centre's accounts server.</summary>
        public Uri? AccountsBaseUrl { get; set; }

        /// <summary>Time allowed for one HTTP attempt, after which it counts as a transient failure.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public RetryPolicy RetryPolicy { get; set; } = new RetryPolicy();
        /// <summary>Most calls in flight at once on this connection; keep it at or below the org's concurrency limit (zoho-api.md "Limits and tokens").</summary>
        public int MaxConcurrency { get; set; } = 10;
        /// <summary>A cached access token is renewed this long before it expires.</summary>
        public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>How long, in all, to wait for Zoho's minting window after it refuses to mint a token, before giving up.</summary>
        public TimeSpan TokenMintWait { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>
        /// How long the connection trusts its listing of portal names and user types (used to turn
        /// names into ids) before reading them again. Any change the client makes to them reads them
        /// again sooner. Zero: read them in every command.
        /// </summary>
        public TimeSpan MetadataCacheLifetime { get; set; } = Metadata.MetadataCache.DefaultLifetime;

        public IClock Clock { get; set; } = SystemClock.Instance;
        public IZohoTracer? Tracer { get; set; }

        /// <summary>The HTTP transport: null for the real network, or the emulator's handler.</summary>
        public HttpMessageHandler? Transport { get; set; }
        /// <summary>Whether disposing the connection disposes <see cref="Transport"/>.</summary>
        public bool DisposeTransport { get; set; } = true;

        internal Uri ResolveAccountsUrl() => AccountsBaseUrl ?? ZohoEndpoints.GetAccountsUrl(DataCenter);

        /// <summary>
        /// The API host: an explicit override wins; in production the token's api_domain (Zoho's
        /// advice) is used when known; otherwise the data centre's host for the environment.
        /// </summary>
        internal Uri ResolveApiUrl(string? tokenApiDomain)
        {
            if (ApiBaseUrl != null) return ApiBaseUrl;
            // tokenApiDomain has passed ApiDomainRules when the token was accepted.
            if (Environment == ZohoEnvironment.Production && !string.IsNullOrEmpty(tokenApiDomain)
                && Uri.TryCreate(tokenApiDomain, UriKind.Absolute, out var fromToken))
                return fromToken;
            return ZohoEndpoints.GetApiUrl(DataCenter, Environment);
        }

        internal void Validate()
        {
            if (MaxConcurrency < 1) throw new ZohoValidationException("InvalidMaxConcurrency", "MaxConcurrency must be at least 1.", nameof(MaxConcurrency));
            if (MetadataCacheLifetime < TimeSpan.Zero) throw new ZohoValidationException("InvalidMetadataCacheLifetime", "MetadataCacheLifetime cannot be negative.", nameof(MetadataCacheLifetime));
            if (RequestTimeout <= TimeSpan.Zero) throw new ZohoValidationException("InvalidRequestTimeout", "RequestTimeout must be positive.", nameof(RequestTimeout));
            Validation.BaseUrlRules.Validate(ApiBaseUrl, nameof(ApiBaseUrl));
            Validation.BaseUrlRules.Validate(AccountsBaseUrl, nameof(AccountsBaseUrl));
        }
    }
}
