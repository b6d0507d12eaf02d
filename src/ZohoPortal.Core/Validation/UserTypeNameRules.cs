using System.Text.RegularExpressions;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>Zoho's rules for a user-type name (zoho-api.md "User types", OAS): 1 to 50 letters, digits and spaces.</summary>
    public static class UserTypeNameRules
    {
        public const int MaxLength = 50;
        /// <summary>The pattern the emulator also enforces (and names in its INVALID_DATA details).</summary>
        public const string Pattern = "^[\\p{L}\\p{N} ]+$";
        private static readonly Regex Allowed = new Regex(Pattern, RegexOptions.CultureInvariant);

        public static bool IsValid(string? name) =>
            !string.IsNullOrWhiteSpace(name) && name!.Length <= MaxLength && Allowed.IsMatch(name);

        /// <summary>Throws <see cref="ZohoValidationException"/> when <paramref name="name"/> breaks a rule.</summary>
        public static void Validate(string? name, string parameterName = "Name")
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ZohoValidationException("UserTypeNameEmpty", "The user type name must not be empty.", parameterName);
            if (name!.Length > MaxLength)
                throw new ZohoValidationException("UserTypeNameLength",
                    "The user type name '" + name + "' has " + name.Length + " characters; Zoho allows at most " + MaxLength + ".", parameterName);
            if (!Allowed.IsMatch(name))
                throw new ZohoValidationException("UserTypeNamePattern",
                    "The user type name '" + name + "' may contain only letters, digits and spaces.", parameterName);
        }
    }
}
