using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Core.Errors
{
    /// <summary>An error answered by Zoho (or by the emulator), keeping Zoho's code, message and details.</summary>
    public class ZohoApiException : Exception
    {
        public ZohoApiException(int httpStatus, string code, string zohoMessage, IReadOnlyDictionary<string, string?>? details = null,
            string? requestMethod = null, string? requestPath = null, Exception? inner = null)
            : base(BuildMessage(httpStatus, code, zohoMessage, details), inner)
        {
            HttpStatus = httpStatus;
            Code = string.IsNullOrEmpty(code) ? "UNKNOWN_ERROR" : code;
            ZohoMessage = zohoMessage ?? string.Empty;
            Details = details ?? new Dictionary<string, string?>();
            RequestMethod = requestMethod;
            RequestPath = requestPath;
        }

        /// <summary>HTTP status code of the answer (0 when no answer arrived).</summary>
        public int HttpStatus { get; }
        /// <summary>Zoho's error code, for example INVALID_DATA or ALREADY_USED.</summary>
        public string Code { get; }
        /// <summary>Zoho's message, unchanged.</summary>
        public string ZohoMessage { get; }
        /// <summary>Zoho's details object, each value as text (JSON for nested values).</summary>
        public IReadOnlyDictionary<string, string?> Details { get; }
        public string? RequestMethod { get; }
        public string? RequestPath { get; }

        internal static string BuildMessage(int status, string code, string message, IReadOnlyDictionary<string, string?>? details)
        {
            var text = string.IsNullOrEmpty(message) ? code : message;
            var extra = details == null || details.Count == 0
                ? string.Empty
                : " [" + string.Join(", ", details.Select(kv => kv.Key + "=" + kv.Value)) + "]";
            var hint = code == "API_NOT_SUPPORTED" && details != null && details.ContainsKey("unsupported_environment")
                ? " Zoho does not offer the portal API in sandbox orgs; connect to the production or developer environment."
                : string.Empty;
            return text + " (" + code + (status > 0 ? ", HTTP " + status : string.Empty) + ")" + extra + hint;
        }
    }

    /// <summary>The accounts server refused to issue a token (bad client, expired grant code, revoked refresh token, minting limit).</summary>
    public sealed class ZohoAuthenticationException : ZohoApiException
    {
        public ZohoAuthenticationException(int httpStatus, string error, string message)
            : base(httpStatus, error, message)
        {
        }

        /// <summary>
        /// True when the accounts server refused the credentials themselves (bad client, expired or
        /// used grant code, revoked refresh token): only then is checking them the right advice.
        /// </summary>
        public bool IsCredentialError => Code != "Access Denied" && Code != "no_token" && Code != "missing_org_info"
                                         && Code != "access_denied" && Code != "expired" && Code != "other_dc";
    }

    /// <summary>Input rejected by the client before any request was sent.</summary>
    public sealed class ZohoValidationException : ArgumentException
    {
        public ZohoValidationException(string errorId, string message, string? parameterName = null)
            : base(message, parameterName)
        {
            ErrorId = errorId;
        }

        /// <summary>A stable identifier, used as the PowerShell ErrorId.</summary>
        public string ErrorId { get; }
    }

    /// <summary>The request never got an answer: the network failed or the per-request timeout elapsed, retries exhausted.</summary>
    public sealed class ZohoTransportException : Exception
    {
        public ZohoTransportException(string message, Exception? inner) : base(message, inner) { }
    }
}
