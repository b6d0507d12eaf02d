using System.Security;
using System.Threading;

namespace ZohoPortal.Core.Auth
{
    /// <summary>
    /// A credential whose sign-in made Zoho issue a refresh token (the grant-code and device flows).
    /// The caller who asks explicitly may take that token once, to keep it in a vault; the
    /// connection keeps using its own copy.
    /// </summary>
    public interface IIssuesRefreshToken
    {
        /// <summary>
        /// The refresh token Zoho issued, as a read-only SecureString, the first time this is called
        /// after sign-in; null before sign-in, when none was issued, or on later calls. Never a
        /// string, so no public member of the core hands a token out as text.
        /// </summary>
        SecureString? TakeIssuedRefreshToken();
    }

    /// <summary>Hands a value out at most once.</summary>
    internal sealed class OnceOnly
    {
        private int _taken;

        public SecureString? Take(string? value)
        {
            if (value == null || Interlocked.Exchange(ref _taken, 1) != 0) return null;
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
