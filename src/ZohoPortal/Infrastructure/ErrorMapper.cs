using System;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Infrastructure
{
    /// <summary>The one place where exceptions and failed batch items become ErrorRecords.</summary>
    internal static class ErrorMapper
    {
        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            switch (exception)
            {
                case ZohoPortal.Core.Configuration.PortalConfigurationException config:
                    return WithDetails(new ErrorRecord(config, config.ErrorId, CategoryFor(config.Kind), target), config.Message, AdviceFor(config));
                case ZohoValidationException v:
                    return new ErrorRecord(v, v.ErrorId, ErrorCategory.InvalidArgument, target);
                case ZohoAuthenticationException a:
                    // Advice to check the credentials only when the accounts server refused them, not for a minting limit.
                    return WithDetails(new ErrorRecord(a, "ZohoAuthentication." + a.Code, ErrorCategory.AuthenticationError, target), a.Message,
                        a.Code == "missing_org_info" ? "Run Connect-ZohoPortal again with -OrganizationId <CRM org id>."
                        : a.IsCredentialError ? "Check the client id, client secret, refresh token or grant code, and -DataCenter; then run Connect-ZohoPortal again." : null);
                case ZohoOutcomeUnknownException unknown:
                    return WithDetails(new ErrorRecord(unknown, OutcomeUnknownErrorId, OutcomeUnknownCategory, target), unknown.Message, OutcomeUnknownAdvice);
                case ZohoApiException api:
                    return WithDetails(new ErrorRecord(api, api.Code, CategoryFor(api.Code, api.HttpStatus), target), api.Message, AdviceFor(api.Code));
                case ZohoTransportException t:
                    return new ErrorRecord(t, "ZohoTransportError", ErrorCategory.ConnectionError, target);
                case NotConnectedException n:
                    return WithDetails(new ErrorRecord(n, "NotConnected", ErrorCategory.InvalidOperation, target), n.Message, "Run Connect-ZohoPortal first (Connect-ZohoPortal -Emulator works offline).");
                case ZohoPortalCmdletException c:
                    return WithDetails(new ErrorRecord(c, c.ErrorId, c.Category, target ?? c.Target), c.Message, c.RecommendedAction);
                case PortalNotFoundException p:
                    // The name is what is wrong, whatever the cmdlet was working on when it was checked.
                    return WithDetails(new ErrorRecord(p, "PortalNotFound", ErrorCategory.ObjectNotFound, p.Name), p.Message, p.RecommendedAction);
                case ConfirmationNotPossibleException confirm:
                    return WithDetails(new ErrorRecord(confirm, "ConfirmationNotPossible", ErrorCategory.InvalidOperation, target), confirm.Message,
                        "Confirm in advance in unattended scripts: add -Confirm:$false (or -Force), or set $ConfirmPreference = 'None'; run with -WhatIf first to see what would change.");
                case ArgumentException arg:
                    return new ErrorRecord(arg, "InvalidArgument", ErrorCategory.InvalidArgument, target);
                default:
                    return new ErrorRecord(exception, "ZohoPortalUnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        private static ErrorCategory CategoryFor(ZohoPortal.Core.Configuration.PortalConfigurationErrorKind kind) =>
            kind == ZohoPortal.Core.Configuration.PortalConfigurationErrorKind.NotInTarget ? ErrorCategory.ObjectNotFound
            : kind == ZohoPortal.Core.Configuration.PortalConfigurationErrorKind.CannotApply ? ErrorCategory.InvalidOperation
            : ErrorCategory.InvalidData;

        private static string AdviceFor(ZohoPortal.Core.Configuration.PortalConfigurationException e)
        {
            switch (e.Kind)
            {
                case ZohoPortal.Core.Configuration.PortalConfigurationErrorKind.NotInTarget:
                    return "Create the missing modules, layouts, views or fields in the target org, or take them out of the file; Get-PortalModuleMeta lists what the target has.";
                case ZohoPortal.Core.Configuration.PortalConfigurationErrorKind.CannotApply:
                    return "Change the file as the message says (or give -TransferUsersTo), then run Compare-PortalConfiguration again.";
                default:
                    return "Write the file again with Export-PortalConfiguration, or fix it as the message says (docs/portal-as-code.md describes the format).";
            }
        }

        /// <summary>The ErrorId of a change whose answer was lost and whose outcome could not be read back.</summary>
        public const string OutcomeUnknownErrorId = "OutcomeUnknown";
        /// <summary>Its own category: the change may or may not have happened, which no other error means.</summary>
        public const ErrorCategory OutcomeUnknownCategory = ErrorCategory.ReadError;
        private const string OutcomeUnknownAdvice =
            "Zoho may have carried out this change. Check the current state with Get-PortalUser (or Get-PortalInviteJob for invitations) before retrying, so nothing is done twice.";

        /// <summary>A failed item of a batch answer, as its own non-terminating error (ErrorId = Zoho code).</summary>
        public static ErrorRecord FromItem(ZohoActionResult item, int httpStatus, object? target, string what)
        {
            if (item.Code == ZohoOutcomeUnknownException.OutcomeUnknownCode)
            {
                var unknown = new ZohoApiException(httpStatus, item.Code, item.Message, item.Details);
                return WithDetails(new ErrorRecord(unknown, OutcomeUnknownErrorId, OutcomeUnknownCategory, target), what + ": " + item.Message, OutcomeUnknownAdvice);
            }
            var exception = new ZohoApiException(httpStatus, item.Code, item.Message, item.Details);
            var record = new ErrorRecord(exception, item.Code, CategoryFor(item.Code, httpStatus), target);
            return WithDetails(record, what + ": " + exception.Message, AdviceFor(item.Code));
        }

        /// <summary>A row of a desired membership that could not be planned (ErrorId such as SyncUnknownUserType; TargetObject = the row as given).</summary>
        public static ErrorRecord FromRowError(ZohoPortal.Core.Membership.PortalMembershipRowError error)
        {
            var category = error.Kind == ZohoPortal.Core.Membership.PortalMembershipRowErrorKind.NotFound ? ErrorCategory.ObjectNotFound
                : error.Kind == ZohoPortal.Core.Membership.PortalMembershipRowErrorKind.Conflict ? ErrorCategory.InvalidData
                : ErrorCategory.InvalidArgument;
            var exception = new ZohoValidationException(error.ErrorId, error.Message);
            return new ErrorRecord(exception, error.ErrorId, category, error.Row.Source ?? error.Row);
        }

        public static ErrorCategory CategoryFor(string code, int httpStatus)
        {
            switch (code)
            {
                case "INVALID_TOKEN":
                case "INVALID_OAUTHTOKEN":
                case "AUTHENTICATION_FAILURE":
                case "OAUTH_SCOPE_MISMATCH":
                    return ErrorCategory.AuthenticationError;
                case "NO_PERMISSION":
                    return ErrorCategory.PermissionDenied;
                case "INVALID_URL_PATTERN":
                    return ErrorCategory.ObjectNotFound;
                case "ALREADY_USED":
                case "DUPLICATE_DATA":
                    return ErrorCategory.ResourceExists;
                case "LICENSE_LIMIT_EXCEEDED":
                case "LIMIT_EXCEEDED":
                    return ErrorCategory.QuotaExceeded;
                case "TOO_MANY_REQUESTS":
                    return ErrorCategory.LimitsExceeded;
                case "MANDATORY_NOT_FOUND":
                case "REQUIRED_PARAM_MISSING":
                case "PATTERN_NOT_MATCHED":
                case "DEPENDENT_FIELD_MISSING":
                case "JSON_PARSE_ERROR":
                case "INVALID_MODULE":
                case "INVALID_REQUEST_METHOD":
                    return ErrorCategory.InvalidArgument;
                case "INVALID_DATA":
                    return ErrorCategory.InvalidData;
                case "NOT_ALLOWED":
                case "CANNOT_PROCESS":
                case "CANNOT_REMOVE":
                case "ALREADY_ACTIVATED":
                case "NOT_ACTIVE_PERSONALITY_MODULE":
                case "NOT_REVIEWED":
                case "NOT_APPROVED":
                    return ErrorCategory.InvalidOperation;
                case "RECORD_LOCKED":
                    return ErrorCategory.ResourceBusy;
                case "API_NOT_SUPPORTED":
                    return ErrorCategory.NotImplemented;
                // Per-record stand-ins used when a whole request failed or Zoho's answer left a record out (no HTTP status to go by).
                case "TRANSPORT_ERROR":
                    return ErrorCategory.ConnectionError;
                case "INTERNAL_ERROR":
                    return ErrorCategory.ResourceUnavailable;
                case "NO_RESULT":
                case "NO_JOB_ID":
                case "JOB_NOT_FOUND":
                    return ErrorCategory.InvalidResult;
                // A bulk-invite job still running when a wait ended, or one of an earlier run that blocks a new invitation.
                case "JOB_IN_PROGRESS":
                    return ErrorCategory.OperationTimeout;
                case "InviteJobsInProgress":
                    return ErrorCategory.ResourceBusy;
            }
            if (httpStatus == 401) return ErrorCategory.AuthenticationError;
            if (httpStatus == 403) return ErrorCategory.PermissionDenied;
            if (httpStatus == 404) return ErrorCategory.ObjectNotFound;
            if (httpStatus == 429) return ErrorCategory.LimitsExceeded;
            if (httpStatus >= 500) return ErrorCategory.ResourceUnavailable;
            return ErrorCategory.NotSpecified;
        }

        private static string? AdviceFor(string code)
        {
            switch (code)
            {
                case "NO_PERMISSION": return "Ask a CRM administrator for the Manage Portal / Manage Portal Users permission on your profile.";
                case "TOO_MANY_REQUESTS": return "Lower -MaxConcurrency on Connect-ZohoPortal, or retry later; the org's API credits or concurrency limit are exhausted.";
                case "INVALID_TOKEN":
                case "INVALID_OAUTHTOKEN": return "The access token expired or was revoked; run Connect-ZohoPortal again.";
                case "OAUTH_SCOPE_MISMATCH": return "Generate the token with the scope ZohoCRM.settings.clientportal.ALL.";
                case "LICENSE_LIMIT_EXCEEDED":
                case "LIMIT_EXCEEDED": return "The org's portal licence is used up: Zoho allows at most 5 user types per org, and the licence caps how many portal users there can be. Remove an unused user type or portal users, or extend the licence.";
                default: return null;
            }
        }

        private static ErrorRecord WithDetails(ErrorRecord record, string message, string? recommendedAction)
        {
            record.ErrorDetails = new ErrorDetails(message);
            if (!string.IsNullOrEmpty(recommendedAction)) record.ErrorDetails.RecommendedAction = recommendedAction;
            return record;
        }
    }

    /// <summary>No connection: Connect-ZohoPortal was not run (or Disconnect-ZohoPortal was).</summary>
    internal sealed class NotConnectedException : InvalidOperationException
    {
        public NotConnectedException()
            : base("Not connected to Zoho CRM. Run Connect-ZohoPortal first.")
        {
        }
    }

    /// <summary>An error raised by a cmdlet itself, with its ErrorId and category decided where it happens.</summary>
    internal sealed class ZohoPortalCmdletException : Exception
    {
        public ZohoPortalCmdletException(string errorId, ErrorCategory category, string message, object? target = null, string? recommendedAction = null)
            : base(message)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorCategory Category { get; }
        public object? Target { get; }
        public string? RecommendedAction { get; }
    }
}
