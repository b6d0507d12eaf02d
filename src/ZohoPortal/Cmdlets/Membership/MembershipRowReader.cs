using System;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Validation;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Membership
{
    /// <summary>
    /// Reads one piped object as a row of the desired membership, with the same conventions as
    /// the user cmdlets (<see cref="PipedIdentity"/>: PersonalityId or RecordId, Email,
    /// UserTypeId, UserTypeName), plus a UserType column (an id or a name, as lists from
    /// elsewhere name it) and a Language column. A plain string is an id or an email.
    /// </summary>
    internal static class MembershipRowReader
    {
        public static PortalMembershipRow Read(object? input, int row, UserTypeIdentity? defaultType, string? defaultLanguage)
        {
            var identity = PipedIdentity.Read(input);
            if (identity.Text != null) identity.TryReadTextAsUser();
            var result = new PortalMembershipRow
            {
                RecordId = identity.PersonalityId,
                Email = identity.Email,
                UserTypeId = identity.UserTypeId,
                UserTypeName = identity.UserTypeName,
                Row = row,
                Source = input,
            };

            var userType = Column(input, "UserType");
            if (userType != null && result.UserTypeId == null && result.UserTypeName == null)
            {
                if (ZohoIdRules.IsId(userType)) result.UserTypeId = userType;
                else result.UserTypeName = userType;
            }
            if (result.UserTypeId == null && result.UserTypeName == null && defaultType != null)
            {
                result.UserTypeId = defaultType.Id;
                result.UserTypeName = defaultType.Id == null ? defaultType.Name : null;
            }
            result.Language = Column(input, "Language") ?? defaultLanguage;
            return result;
        }

        /// <summary>A column of a CSV row or custom object, blank counting as absent; null for the module's own objects and strings.</summary>
        private static string? Column(object? input, string name)
        {
            if (input == null) return null;
            var baseObject = input is PSObject ps ? ps.BaseObject : input;
            if (baseObject is string || baseObject.GetType().Namespace?.StartsWith("ZohoPortal.Core", StringComparison.Ordinal) == true) return null;
            var wrapped = input as PSObject ?? PSObject.AsPSObject(input);
            var property = wrapped.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property == null) return null;
            object? raw;
            try { raw = property.Value; }
            catch (GetValueException) { return null; }
            if (raw is PSObject inner) raw = inner.BaseObject;
            var text = raw?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }
    }
}
