using System;

namespace ZohoPortal.Core.Auth
{
    /// <summary>What the person signing in must see: where to go and which code to enter. The user code is meant to be shown.</summary>
    public sealed class DeviceCodePrompt
    {
        internal DeviceCodePrompt(Uri verificationUrl, string userCode, DateTimeOffset expiresAt)
        {
            VerificationUrl = verificationUrl;
            UserCode = userCode;
            ExpiresAt = expiresAt;
        }

        public Uri VerificationUrl { get; }
        public string UserCode { get; }
        public DateTimeOffset ExpiresAt { get; }

        /// <summary>The line shown on the host and kept in the Information stream.</summary>
        public string Message(DateTimeOffset now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((ExpiresAt - now).TotalMinutes));
            return "To sign in to Zoho, open " + VerificationUrl + " in a browser and enter the code " + UserCode
                   + " (valid for " + minutes + " minute" + (minutes == 1 ? string.Empty : "s") + "). Waiting for approval; Ctrl+C stops.";
        }
    }

    /// <summary>
    /// Zoho's device authorization: a person approves a user code in a browser while this client
    /// polls; the refresh token obtained is then kept in memory and used like
    /// <see cref="RefreshTokenCredential"/>, on the accounts server of the user's data centre.
    /// </summary>
    public sealed class DeviceCodeCredential : ZohoCredential, IIssuesRefreshToken
    {
        private readonly OnceOnly _handback = new OnceOnly();

        /// <param name="clientId">A client of type "non-browser application" in the Zoho API console.</param>
        /// <param name="clientSecret">Its secret (Zoho's device-token poll requires it).</param>
        /// <param name="show">Called once with the verification URL and user code, from a worker thread.</param>
        /// <param name="scope">Comma-separated scopes; null asks for <see cref="ZohoScopes.Default"/>.</param>
        /// <param name="forceConsent">Sends prompt=consent, so Zoho asks for consent (and issues a refresh token) again.</param>
        public DeviceCodeCredential(string clientId, string clientSecret, Action<DeviceCodePrompt> show, string? scope = null, bool forceConsent = false)
        {
            ClientId = RefreshTokenCredential.Require(clientId, nameof(clientId));
            ClientSecret = RefreshTokenCredential.Require(clientSecret, nameof(clientSecret));
            Show = show ?? throw new ArgumentNullException(nameof(show));
            Scope = string.IsNullOrWhiteSpace(scope) ? ZohoScopes.Default : scope!;
            ForceConsent = forceConsent;
        }

        public string ClientId { get; }
        internal string ClientSecret { get; }
        internal Action<DeviceCodePrompt> Show { get; }
        public string Scope { get; }
        public bool ForceConsent { get; }

        /// <summary>Set once the person approved: the refresh token Zoho issued (null if it issued none).</summary>
        internal string? RefreshToken { get; set; }

        /// <summary>The accounts server of the user's data centre, once other_dc named one.</summary>
        internal Uri? AccountsUrl { get; set; }

        internal bool SignedIn { get; set; }

        /// <summary>Before sign-in the flow itself mints the first token; after it, only a refresh token can.</summary>
        public override bool CanRefresh => !SignedIn || RefreshToken != null;
        internal override string?[] Secrets => new[] { ClientSecret, RefreshToken };

        public System.Security.SecureString? TakeIssuedRefreshToken() => _handback.Take(RefreshToken);
    }
}
