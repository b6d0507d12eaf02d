using System;

namespace ZohoPortal.Core.Auth
{
    /// <summary>How a connection obtains access tokens. Secrets stay inside the credential and are never traced.</summary>
    public abstract class ZohoCredential
    {
        internal ZohoCredential() { }

        /// <summary>True when the credential can mint a new access token (refresh or grant flow).</summary>
        public abstract bool CanRefresh { get; }

        /// <summary>Every secret this credential holds, so the tracer can mask them wherever they appear.</summary>
        internal abstract string?[] Secrets { get; }
    }

    /// <summary>The refresh-token grant: client id, client secret and a long-lived refresh token.</summary>
    public sealed class RefreshTokenCredential : ZohoCredential
    {
        public RefreshTokenCredential(string clientId, string clientSecret, string refreshToken)
        {
            ClientId = Require(clientId, nameof(clientId));
            ClientSecret = Require(clientSecret, nameof(clientSecret));
            RefreshToken = Require(refreshToken, nameof(refreshToken));
        }

        public string ClientId { get; }
        internal string ClientSecret { get; }
        internal string RefreshToken { get; }
        public override bool CanRefresh => true;
        internal override string?[] Secrets => new[] { ClientSecret, RefreshToken };

        internal static string Require(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException(name + " must not be empty.", name);
            return value;
        }
    }

    /// <summary>
    /// A self-client grant code, exchanged once for a refresh token (which is then kept in memory
    /// and used like <see cref="RefreshTokenCredential"/>).
    /// </summary>
    public sealed class GrantTokenCredential : ZohoCredential, IIssuesRefreshToken
    {
        private readonly OnceOnly _handback = new OnceOnly();

        public GrantTokenCredential(string clientId, string clientSecret, string grantCode, string? redirectUri = null)
        {
            ClientId = RefreshTokenCredential.Require(clientId, nameof(clientId));
            ClientSecret = RefreshTokenCredential.Require(clientSecret, nameof(clientSecret));
            GrantCode = RefreshTokenCredential.Require(grantCode, nameof(grantCode));
            RedirectUri = redirectUri;
        }

        public string ClientId { get; }
        internal string ClientSecret { get; }
        internal string GrantCode { get; }
        public string? RedirectUri { get; }

        /// <summary>Set once the grant code has been exchanged.</summary>
        internal string? RefreshToken { get; set; }
        public override bool CanRefresh => true;
        internal override string?[] Secrets => new[] { ClientSecret, GrantCode, RefreshToken };

        public System.Security.SecureString? TakeIssuedRefreshToken() => _handback.Take(RefreshToken);
    }

    /// <summary>An access token obtained elsewhere. It cannot be refreshed: when it expires, calls fail with INVALID_TOKEN.</summary>
    public sealed class AccessTokenCredential : ZohoCredential
    {
        public AccessTokenCredential(string accessToken, DateTimeOffset? expiresAt = null)
        {
            AccessToken = RefreshTokenCredential.Require(accessToken, nameof(accessToken));
            ExpiresAt = expiresAt;
        }

        internal string AccessToken { get; }
        public DateTimeOffset? ExpiresAt { get; }
        public override bool CanRefresh => false;
        internal override string?[] Secrets => new[] { AccessToken };
    }
}
