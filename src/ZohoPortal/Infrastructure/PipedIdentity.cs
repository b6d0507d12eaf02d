using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// The identities a piped object names, read from its properties by name: PortalName,
    /// UserTypeId, UserTypeName, PersonalityId (or RecordId, the invited record), Email, JobId,
    /// Module. Every output type of the module carries the key properties of what it names, and
    /// Export-Csv writes them as columns, so objects and CSV rows bind the same way.
    /// </summary>
    /// <remarks>
    /// This is read by the cmdlets rather than left to PowerShell's by-property-name binding on
    /// purpose: a user type's "Id" would otherwise bind to a user cmdlet's -Id and name every user
    /// as a user id (the data loss of the old binding), and a CSV row could not say "this column is
    /// empty, ignore it". Empty and whitespace values count as absent.
    /// </remarks>
    public sealed class PipedIdentity
    {
        private PipedIdentity(object? input) => Input = input;

        /// <summary>The object as given (the TargetObject of any error about it).</summary>
        public object? Input { get; }
        public PortalUser? User { get; private set; }
        public PortalUserType? UserType { get; private set; }
        public string? PortalName { get; private set; }
        public string? UserTypeId { get; private set; }
        public string? UserTypeName { get; private set; }
        public string? PersonalityId { get; private set; }
        public string? Email { get; private set; }
        public string? JobId { get; private set; }
        public string? Module { get; private set; }
        /// <summary>The text, when a plain string was piped.</summary>
        public string? Text { get; private set; }
        /// <summary>The property names the object had, for errors about a missing key column.</summary>
        public IReadOnlyList<string> PropertyNames { get; private set; } = Array.Empty<string>();

        /// <summary>True when the object names a user (a personality id or an email).</summary>
        public bool NamesUser => PersonalityId != null || Email != null;

        /// <summary>True when the object names a user type (and no user).</summary>
        public bool NamesUserType => !NamesUser && (UserTypeId != null || UserTypeName != null);

        public static PipedIdentity Read(object? value)
        {
            var input = value;
            var baseObject = value is PSObject ps ? ps.BaseObject : value;
            var identity = new PipedIdentity(input);
            switch (baseObject)
            {
                case null:
                    return identity;
                case string text:
                    identity.Text = Clean(text);
                    return identity;
                case PortalUser user:
                    identity.User = user;
                    identity.PersonalityId = Clean(user.PersonalityId);
                    identity.Email = Clean(user.Email);
                    identity.UserTypeId = Clean(user.UserTypeId);
                    identity.UserTypeName = Clean(user.UserTypeName);
                    identity.PortalName = Clean(user.PortalName);
                    identity.Module = Clean(user.Module);
                    return identity;
                case PortalUserType type:
                    identity.UserType = type;
                    identity.UserTypeId = Clean(type.Id);
                    identity.UserTypeName = Clean(type.Name);
                    identity.PortalName = Clean(type.PortalName);
                    return identity;
            }

            // Any other object (a CSV row, a PSCustomObject, another model): its properties by name.
            var wrapped = value as PSObject ?? PSObject.AsPSObject(value);
            var properties = wrapped.Properties.ToList();
            identity.PropertyNames = properties.Select(p => p.Name).ToList();
            string? Get(string name)
            {
                var property = properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (property == null) return null;
                object? raw;
                try { raw = property.Value; }
                catch (GetValueException) { return null; }
                return Clean(raw is PSObject inner ? inner.BaseObject?.ToString() : raw?.ToString());
            }

            identity.PortalName = Get("PortalName");
            identity.UserTypeId = Get("UserTypeId");
            identity.UserTypeName = Get("UserTypeName");
            identity.PersonalityId = Get("PersonalityId") ?? Get("RecordId");
            identity.Email = Get("Email");
            identity.JobId = Get("JobId");
            identity.Module = Get("Module");
            return identity;
        }

        /// <summary>
        /// A user built from a CSV row or another object: the key columns, plus Name and Active
        /// when they parse (an unparsable optional column is ignored, never an error).
        /// </summary>
        public PortalUser ToUser()
        {
            if (User != null) return User;
            var user = new PortalUser
            {
                PersonalityId = PersonalityId ?? string.Empty,
                Email = Email,
                UserTypeId = UserTypeId,
                UserTypeName = UserTypeName,
                PortalName = PortalName,
                Module = Module,
            };
            if (Input != null && !(Input is string))
            {
                var wrapped = Input as PSObject ?? PSObject.AsPSObject(Input);
                var name = wrapped.Properties["Name"]?.Value?.ToString();
                if (!string.IsNullOrWhiteSpace(name)) user.Name = name;
            }
            return user;
        }

        /// <summary>The row's Active column when it parses as a boolean; null otherwise (then nothing is claimed).</summary>
        public bool? ClaimedActive()
        {
            if (User != null) return User.Active;
            if (Input == null || Input is string) return null;
            var wrapped = Input as PSObject ?? PSObject.AsPSObject(Input);
            var raw = wrapped.Properties["Active"]?.Value;
            if (raw is PSObject inner) raw = inner.BaseObject;
            if (raw is bool b) return b;
            return bool.TryParse(raw?.ToString()?.Trim(), out var parsed) ? parsed : (bool?)null;
        }

        /// <summary>True when the text looks like an email address (it has an @ that is not at either end).</summary>
        public static bool LooksLikeEmail(string? text) =>
            text != null && text.IndexOf('@') > 0 && text.IndexOf('@') < text.Length - 1 && text.IndexOf(' ') < 0;

        /// <summary>Reads a piped string as a user: an id, or an email; null when it is neither.</summary>
        public bool TryReadTextAsUser()
        {
            if (Text == null) return false;
            if (ZohoIdRules.IsId(Text)) { PersonalityId = Text; return true; }
            if (LooksLikeEmail(Text)) { Email = Text; return true; }
            return false;
        }

        /// <summary>Blank is absent; anything else is kept as given (an id with a stray newline is refused, not repaired).</summary>
        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
