using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core;
using ZohoPortal.Core.Metadata;
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
    /// Turns <see cref="UserTypeIdentity"/> values into user types from the connection's metadata
    /// cache (ZohoPortal.Core.Metadata.MetadataCache): a fresh listing held by the connection is
    /// used as it is, else the portal's user types are listed once (single-flight across commands
    /// sharing the connection). A name or id the cached listing lacks is looked up once more in a
    /// fresh listing before it is refused, since another connection may have made it. Within one
    /// invocation the same listing is used throughout, even with the cache turned off.
    /// </summary>
    internal sealed class UserTypeResolver
    {
        private readonly ZohoPortalConnection _connection;
        private readonly Dictionary<string, Held> _byPortal = new Dictionary<string, Held>(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public UserTypeResolver(ZohoPortalConnection connection) => _connection = connection;

        public async Task<List<PortalUserType>> ListAsync(string portal, CancellationToken cancellationToken) =>
            (await GetAsync(portal, refresh: false, cancellationToken).ConfigureAwait(false)).Items.ToList();

        private async Task<Held> GetAsync(string portal, bool refresh, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Held? held;
                lock (_byPortal) _byPortal.TryGetValue(portal, out held);
                if (held != null && (!refresh || held.FromZoho)) return held;
                var metadata = _connection.Client.Metadata;
                var list = refresh
                    ? await metadata.RefreshUserTypesAsync(portal, held?.List, cancellationToken).ConfigureAwait(false)
                    : await metadata.GetUserTypesAsync(portal, cancellationToken).ConfigureAwait(false);
                // Once read again, this invocation holds Zoho's latest answer: a miss in it is final.
                held = new Held(list, refresh || list.JustRead);
                lock (_byPortal) _byPortal[portal] = held;
                if (list.JustRead) _connection.Completion.RememberUserTypes(list.Items);
                return held;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>A listing this invocation uses, and whether a miss in it is Zoho's answer rather than the cache's age.</summary>
        private sealed class Held
        {
            public Held(CachedList<PortalUserType> list, bool fromZoho)
            {
                List = list;
                FromZoho = fromZoho;
            }

            public CachedList<PortalUserType> List { get; }
            public IReadOnlyList<PortalUserType> Items => List.Items;
            public bool FromZoho { get; }
        }

        /// <summary>
        /// After Zoho called a user type id unknown (deleted or made again elsewhere): drops the
        /// listings this invocation took from the connection's cache, and the cache's entries, so
        /// the next lookup asks Zoho. False when every listing held was read from Zoho by this
        /// invocation already (Zoho's answer then stands).
        /// </summary>
        public bool ForgetCached()
        {
            List<string> portals;
            lock (_byPortal)
            {
                portals = _byPortal.Where(p => !p.Value.FromZoho).Select(p => p.Key).ToList();
                foreach (var portal in portals) _byPortal.Remove(portal);
            }
            foreach (var portal in portals) _connection.Client.Metadata.InvalidateUserTypes(portal);
            return portals.Count > 0;
        }

        /// <summary>Forget what was listed (after a create, rename or delete).</summary>
        public void Invalidate()
        {
            lock (_byPortal) _byPortal.Clear();
        }

        /// <summary>
        /// A user type given by id, without a listing when none is needed: from the listing this
        /// invocation or the connection holds, else (nothing fresh held) as a bare id when
        /// <paramref name="needName"/> is false, so the request goes out with the id and Zoho judges it.
        /// With <paramref name="needName"/> (the output carries UserTypeName) it is looked up.
        /// </summary>
        public async Task<PortalUserType> ResolveAsync(UserTypeIdentity identity, string portal, bool needName, CancellationToken cancellationToken)
        {
            if (identity.UserType == null && identity.Id != null && !needName && !Holds(portal))
                return new PortalUserType { Id = identity.Id, Name = string.Empty, PortalName = portal };
            return await ResolveAsync(identity, portal, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>True when this invocation or the connection holds a fresh listing of the portal's user types.</summary>
        private bool Holds(string portal)
        {
            lock (_byPortal)
                if (_byPortal.ContainsKey(portal)) return true;
            return _connection.Client.Metadata.PeekUserTypes(portal) != null;
        }

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

            var held = await GetAsync(portal, refresh: false, cancellationToken).ConfigureAwait(false);
            var matches = Match(identity, held.Items);
            if (matches.Count > 0) return matches;
            if (!held.FromZoho)
            {
                // The cached listing may predate a user type made (or renamed) elsewhere: ask Zoho once before refusing.
                held = await GetAsync(portal, refresh: true, cancellationToken).ConfigureAwait(false);
                matches = Match(identity, held.Items);
                if (matches.Count > 0) return matches;
            }
            var list = held.Items;
            throw new ZohoPortalCmdletException("UserTypeNotFound", ErrorCategory.ObjectNotFound,
                "Portal '" + portal + "' has no user type " + (identity.Id != null ? "with id " + identity.Id : "named '" + identity.Name + "'") + ".",
                identity.ToString(),
                "Known user types: " + (list.Count == 0 ? "(none)" : string.Join(", ", list.Select(t => t.Name + " (" + t.Id + ")"))) + ".");
        }

        private static List<PortalUserType> Match(UserTypeIdentity identity, IReadOnlyList<PortalUserType> list)
        {
            if (identity.Id != null) return list.Where(t => t.Id == identity.Id).ToList();
            if (WildcardPattern.ContainsWildcardCharacters(identity.Name))
            {
                var pattern = new WildcardPattern(identity.Name, WildcardOptions.IgnoreCase);
                return list.Where(t => pattern.IsMatch(t.Name)).ToList();
            }
            return list.Where(t => string.Equals(t.Name, identity.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }
}
