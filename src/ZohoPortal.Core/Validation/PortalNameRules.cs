using System.Text.RegularExpressions;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>Zoho's rules for a portal name (zoho-api.md "Portals"): 6 to 30 letters and digits, nothing else.</summary>
    public static class PortalNameRules
    {
        public const int MinLength = 6;
        public const int MaxLength = 30;
        private static readonly Regex Alphanumeric = new Regex("\\A[A-Za-z0-9]+\\z", RegexOptions.CultureInvariant);

        /// <summary>Throws <see cref="ZohoValidationException"/> when <paramref name="name"/> breaks a rule.</summary>
        public static void Validate(string? name, string parameterName = "Name")
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ZohoValidationException("PortalNameEmpty", "The portal name must not be empty.", parameterName);
            if (name!.Length < MinLength || name.Length > MaxLength)
                throw new ZohoValidationException("PortalNameLength",
                    "The portal name '" + name + "' has " + name.Length + " characters; Zoho requires " + MinLength + " to " + MaxLength + ".", parameterName);
            if (!Alphanumeric.IsMatch(name))
                throw new ZohoValidationException("PortalNamePattern",
                    "The portal name '" + name + "' may contain only letters A-Z and digits 0-9 (no spaces or symbols).", parameterName);
        }
    }
}
