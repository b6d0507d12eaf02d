using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Validation
{
    /// <summary>What an invitation request must satisfy before it is sent (zoho-api.md "Invitations", zoho-api.md "Requests").</summary>
    public static class InviteRules
    {
        private static readonly Regex ModuleName = new Regex("\\A[A-Za-z][A-Za-z0-9_]{0,99}\\z", RegexOptions.CultureInvariant);

        /// <summary>The invitation languages Zoho accepts (zoho-api.md "Invitations"); Zoho's default is en_US.</summary>
        public static readonly IReadOnlyList<string> Languages = new[]
        {
            "en_US", "en_GB", "bg_BG", "zh_CN", "zh_TW", "hr_HR", "ar_EG", "in_ID", "cs_CZ", "da_DK",
            "nl_NL", "fr_FR", "de_DE", "hu_HU", "hi_IN", "it_IT", "ja_JP", "pl_PL", "pt_BR", "pt_PT",
            "ru_RU", "es_ES", "sv_SE", "th_TH", "tr_TR", "vi_VN", "ko_KR", "iw_IL",
        };

        public static void ValidateModule(string? module)
        {
            if (module == null || !ModuleName.IsMatch(module))
                throw new ZohoValidationException("InvalidModule",
                    "Module '" + module + "' is not a CRM module API name (letters, digits and underscores, such as Contacts).", "Module");
        }

        public static void ValidateRecordId(string? recordId) =>
            ZohoIdRules.Validate(recordId, "InvalidRecordId", "Record id", "RecordId");

        /// <summary>
        /// Null or empty means Zoho's default (en_US, and nothing is sent); anything else must be
        /// one of <see cref="Languages"/>, in any letter case. Returns the code as Zoho spells it.
        /// </summary>
        public static string? NormalizeLanguage(string? language)
        {
            if (string.IsNullOrEmpty(language)) return null;
            foreach (var known in Languages)
                if (string.Equals(known, language, StringComparison.OrdinalIgnoreCase)) return known;
            throw new ZohoValidationException("InvalidLanguage",
                "Language '" + language + "' is not one Zoho offers for invitations. Use one of: " + string.Join(", ", Languages) + ".", "Language");
        }

        /// <summary>Bulk invite and its job status exist from API v5 (zoho-api.md "Requests").</summary>
        public static void RequireBulkVersion(string apiVersion, string what)
        {
            if (!string.Equals(apiVersion, "v4", StringComparison.OrdinalIgnoreCase)) return;
            throw new ZohoValidationException("BulkInviteNeedsV5",
                what + " needs Zoho CRM API v5 or later, but this connection uses " + apiVersion
                + ". Reconnect with Connect-ZohoPortal -ApiVersion v5 (or later); under v4 only single invitations (one record with -RecordId) are possible.",
                "ApiVersion");
        }

        internal static string TypeText(Models.PortalInviteType type) => type == Models.PortalInviteType.Reinvite ? "reinvite" : "invite";
    }
}
