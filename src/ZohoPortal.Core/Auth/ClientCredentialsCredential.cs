using System;
using System.Linq;

namespace ZohoPortal.Core.Auth
{
    /// <summary>
    /// The client-credentials grant of a self client: no user and no refresh token. Each access
    /// token is minted from the client id and secret (grant_type=client_credentials), so renewal
    /// at expiry asks the same way, within the same minting limits as a refresh token.
    /// </summary>
    public sealed class ClientCredentialsCredential : ZohoCredential
    {
        /// <param name="clientId">The self client's id.</param>
        /// <param name="clientSecret">The self client's secret.</param>
        /// <param name="organizationId">
        /// The CRM org id, sent as soid=ZohoCRM.{id}. Zoho requires it when the client can reach
        /// several orgs (and answers missing_org_info without it); null sends no soid.
        /// </param>
        /// <param name="scope">Comma-separated scopes; null asks for <see cref="ZohoScopes.Default"/>.</param>
        public ClientCredentialsCredential(string clientId, string clientSecret, string? organizationId = null, string? scope = null)
        {
            ClientId = RefreshTokenCredential.Require(clientId, nameof(clientId));
            ClientSecret = RefreshTokenCredential.Require(clientSecret, nameof(clientSecret));
            if (organizationId != null && (organizationId.Length == 0 || !organizationId.All(c => c >= '0' && c <= '9')))
                throw new ArgumentException("organizationId must be the org's numeric id (Setup > Company Details in CRM).", nameof(organizationId));
            OrganizationId = organizationId;
            Scope = string.IsNullOrWhiteSpace(scope) ? ZohoScopes.Default : scope!;
        }

        public string ClientId { get; }
        internal string ClientSecret { get; }
        public string? OrganizationId { get; }
        public string Scope { get; }
        public override bool CanRefresh => true;
        internal override string?[] Secrets => new[] { ClientSecret };
    }
}
