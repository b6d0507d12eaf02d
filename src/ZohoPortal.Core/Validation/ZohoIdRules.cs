using System.Text.RegularExpressions;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>Zoho ids are numeric strings (anchored with \A...\z: "$" would let a trailing newline through) (18-19 digits in practice); anything else cannot be an id.</summary>
    public static class ZohoIdRules
    {
        private static readonly Regex Numeric = new Regex("\\A[0-9]{1,25}\\z", RegexOptions.CultureInvariant);

        public static bool IsId(string? value) => value != null && Numeric.IsMatch(value);

        /// <summary>Throws <see cref="ZohoValidationException"/> with <paramref name="errorId"/> when <paramref name="value"/> is not a numeric id.</summary>
        public static void Validate(string? value, string errorId, string what, string parameterName)
        {
            if (!IsId(value))
                throw new ZohoValidationException(errorId, what + " '" + value + "' is not a Zoho id (ids are numbers such as 1306462000000659009).", parameterName);
        }
    }

    public static class UserTypeIdRules
    {
        public static void Validate(string? value, string parameterName = "Id") =>
            ZohoIdRules.Validate(value, "InvalidUserTypeId", "User type id", parameterName);
    }
}
