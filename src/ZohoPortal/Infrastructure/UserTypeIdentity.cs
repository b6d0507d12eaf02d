using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// A user type as the user names it: an id, a name, or the object from Get-PortalUserType.
    /// PowerShell converts any of the three into this type through its constructors, so every
    /// -UserType / -Destination parameter accepts them all.
    /// </summary>
    public sealed class UserTypeIdentity
    {
        public UserTypeIdentity(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException("A user type must be given as an id, a name, or a user type object; got an empty value.");
            if (ZohoIdRules.IsId(value)) Id = value;
            else Name = value;
        }

        public UserTypeIdentity(PortalUserType userType)
        {
            UserType = userType ?? throw new ArgumentNullException(nameof(userType));
            Id = userType.Id;
            Name = userType.Name;
        }

        public string? Id { get; }
        public string? Name { get; }
        public PortalUserType? UserType { get; }

        public override string ToString() => Name ?? Id ?? string.Empty;

        /// <summary>
        /// True for the same user type given another way: a string equal to the id or (ignoring
        /// case) the name, another identity or a user type object with the same id or name.
        /// PowerShell's -eq calls this, so a Pester mock's -ParameterFilter { $UserType -eq 'Customers' }
        /// matches whether the caller passed the name, the id or the object.
        /// </summary>
        public override bool Equals(object? obj)
        {
            switch (obj)
            {
                case null:
                    return false;
                case UserTypeIdentity other:
                    return (Id != null && other.Id != null && string.Equals(Id, other.Id, StringComparison.Ordinal))
                           || (Name != null && other.Name != null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase));
                case PortalUserType type:
                    return Equals(new UserTypeIdentity(type));
                case string text:
                    return (Id != null && string.Equals(Id, text, StringComparison.Ordinal))
                           || (Name != null && string.Equals(Name, text, StringComparison.OrdinalIgnoreCase));
                default:
                    return false;
            }
        }

        /// <summary>
        /// Constant: an identity equals values of other kinds (an id or a name of the same type), so
        /// no hash of its own text would agree with <see cref="Equals(object)"/>. Identities are
        /// compared, never used as dictionary keys.
        /// </summary>
        public override int GetHashCode() => 1;
    }

    /// <summary>
    /// Turns <see cref="UserTypeIdentity"/> values into user types, listing a portal's user types
    /// at most once per cmdlet invocation (and remembering them on the connection for tab completion).
    /// </summary>
    internal sealed class UserTypeResolver
    {
        private readonly ZohoPortalConnection _connection;
        private readonly Dictionary<string, List<PortalUserType>> _byPortal = new Dictionary<string, List<PortalUserType>>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public UserTypeResolver(ZohoPortalConnection connection) => _connection = connection;

        public async Task<List<PortalUserType>> ListAsync(string portal, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_byPortal.TryGetValue(portal, out var list))
                {
                    list = await _connection.Client.GetUserTypesAsync(portal, false, cancellationToken).ConfigureAwait(false);
                    _byPortal[portal] = list;
                    _connection.CachedUserTypes = list;
                }
                return list;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Forget what was listed (after a create, rename or delete).</summary>
        public void Invalidate() => _byPortal.Clear();

        /// <summary>
        /// The one user type an identity names. A name may hold wildcards (as on every user-type
        /// parameter); it must then match exactly one type, or the command is refused with the
        /// candidates, since acting on "whichever came first" would be a guess.
        /// </summary>
        public async Task<PortalUserType> ResolveAsync(UserTypeIdentity identity, string portal, CancellationToken cancellationToken)
        {
            var matches = await ResolveManyAsync(identity, portal, cancellationToken).ConfigureAwait(false);
            if (matches.Count == 1) return matches[0];
            throw new ZohoPortalCmdletException("UserTypeAmbiguous", ErrorCategory.InvalidArgument,
                "'" + identity + "' matches " + matches.Count + " user types of portal '" + portal + "': " + string.Join(", ", matches.Select(t => t.Name + " (" + t.Id + ")")) + ".",
                identity.ToString(), "Name one user type exactly.");
        }

        /// <summary>Every user type an identity names (several for a wildcard name); UserTypeNotFound when none.</summary>
        public async Task<List<PortalUserType>> ResolveManyAsync(UserTypeIdentity identity, string portal, CancellationToken cancellationToken)
        {
            if (identity.UserType != null && !string.IsNullOrEmpty(identity.UserType.Id)
                && (identity.UserType.PortalName == null || identity.UserType.PortalName == portal))
                return new List<PortalUserType> { identity.UserType };

            var list = await ListAsync(portal, cancellationToken).ConfigureAwait(false);
            List<PortalUserType> matches;
            if (identity.Id != null) matches = list.Where(t => t.Id == identity.Id).ToList();
            else if (WildcardPattern.ContainsWildcardCharacters(identity.Name))
            {
                var pattern = new WildcardPattern(identity.Name, WildcardOptions.IgnoreCase);
                matches = list.Where(t => pattern.IsMatch(t.Name)).ToList();
            }
            else matches = list.Where(t => string.Equals(t.Name, identity.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 0) return matches;
            throw new ZohoPortalCmdletException("UserTypeNotFound", ErrorCategory.ObjectNotFound,
                "Portal '" + portal + "' has no user type " + (identity.Id != null ? "with id " + identity.Id : "named '" + identity.Name + "'") + ".",
                identity.ToString(),
                "Known user types: " + (list.Count == 0 ? "(none)" : string.Join(", ", list.Select(t => t.Name + " (" + t.Id + ")"))) + ".");
        }
    }
}
