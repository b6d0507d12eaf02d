using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Metadata
{
    /// <summary>
    /// A connection's memory of the org's portal names and of each portal's user types, so a loop
    /// of single-user commands does not list them once per command. An entry is trusted for
    /// <see cref="Lifetime"/> on the connection's clock and forgotten (made stale) by every change
    /// the client makes to portals or user types. Reads are single-flight: however many commands
    /// (runspaces sharing the connection) find an entry stale at once, Zoho sees one listing.
    /// A stale entry is still shown to tab completion (<see cref="SeenUserTypes"/>), which never
    /// sends a request.
    /// </summary>
    public sealed class MetadataCache
    {
        /// <summary>How long a listing is trusted unless the connection says otherwise: five minutes.</summary>
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

        private readonly Func<CancellationToken, Task<List<string>>> _listPortals;
        private readonly Func<string, CancellationToken, Task<List<PortalUserType>>> _listUserTypes;
        private readonly IClock _clock;
        private readonly CacheSlot<string> _portals = new CacheSlot<string>();
        private readonly ConcurrentDictionary<string, CacheSlot<PortalUserType>> _userTypes =
            new ConcurrentDictionary<string, CacheSlot<PortalUserType>>(StringComparer.OrdinalIgnoreCase);
        private long _lifetimeTicks = DefaultLifetime.Ticks;
        private int _listings;

        internal MetadataCache(IClock clock, Func<CancellationToken, Task<List<string>>> listPortals,
            Func<string, CancellationToken, Task<List<PortalUserType>>> listUserTypes)
        {
            _clock = clock;
            _listPortals = listPortals;
            _listUserTypes = listUserTypes;
        }

        /// <summary>
        /// How long a listing is trusted. <see cref="TimeSpan.Zero"/> turns the cache off: every
        /// command reads what it needs (a command still reads each listing at most once).
        /// </summary>
        public TimeSpan Lifetime
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _lifetimeTicks));
            set
            {
                if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), "The metadata cache lifetime cannot be negative.");
                Interlocked.Exchange(ref _lifetimeTicks, value.Ticks);
            }
        }

        /// <summary>How many listings the cache has sent (portals and user types).</summary>
        public int Listings => Volatile.Read(ref _listings);

        /// <summary>The portal names: from the cache while fresh, else listed once (single-flight).</summary>
        public Task<CachedList<string>> GetPortalNamesAsync(CancellationToken cancellationToken = default) =>
            _portals.GetAsync(ct => Count(_listPortals(ct)), _clock, Lifetime, null, cancellationToken);

        /// <summary>
        /// The portal names read again because <paramref name="stale"/> missed a name; if another
        /// caller has read them since, theirs is used and nothing is sent.
        /// </summary>
        public Task<CachedList<string>> RefreshPortalNamesAsync(CachedList<string>? stale, CancellationToken cancellationToken = default) =>
            _portals.GetAsync(ct => Count(_listPortals(ct)), _clock, Lifetime, stale?.Version ?? -1, cancellationToken);

        /// <summary>A portal's user types: from the cache while fresh, else listed once (single-flight).</summary>
        public Task<CachedList<PortalUserType>> GetUserTypesAsync(string portal, CancellationToken cancellationToken = default) =>
            SlotFor(portal).GetAsync(ct => Count(_listUserTypes(portal, ct)), _clock, Lifetime, null, cancellationToken);

        /// <summary>A portal's user types read again because <paramref name="stale"/> missed one (see <see cref="RefreshPortalNamesAsync"/>).</summary>
        public Task<CachedList<PortalUserType>> RefreshUserTypesAsync(string portal, CachedList<PortalUserType>? stale, CancellationToken cancellationToken = default) =>
            SlotFor(portal).GetAsync(ct => Count(_listUserTypes(portal, ct)), _clock, Lifetime, stale?.Version ?? -1, cancellationToken);

        /// <summary>A portal's user types if a fresh listing is held; never sends a request.</summary>
        public IReadOnlyList<PortalUserType>? PeekUserTypes(string portal) =>
            _userTypes.TryGetValue(portal, out var slot) ? slot.PeekFresh(_clock, Lifetime)?.Items : null;

        /// <summary>The portal names if a fresh listing is held; never sends a request.</summary>
        public IReadOnlyList<string>? PeekPortalNames() => _portals.PeekFresh(_clock, Lifetime)?.Items;

        /// <summary>The first portal name last seen, fresh or not (the org's portal, for display).</summary>
        public string? LastSeenPortalName => _portals.Seen?.FirstOrDefault();

        /// <summary>Every user type seen last, fresh or not, for tab completion.</summary>
        public IReadOnlyList<PortalUserType>? SeenUserTypes
        {
            get
            {
                List<PortalUserType>? all = null;
                foreach (var slot in _userTypes.Values)
                {
                    var seen = slot.Seen;
                    if (seen == null) continue;
                    (all ?? (all = new List<PortalUserType>())).AddRange(seen);
                }
                return all;
            }
        }

        /// <summary>Takes a full listing read elsewhere (Get-PortalUserType) as a fresh entry.</summary>
        public void RememberUserTypes(string portal, IEnumerable<PortalUserType> types) =>
            SlotFor(portal).Store(types.ToList(), _clock.UtcNow);

        /// <summary>Takes the org's portal names learned elsewhere (Get-Portal, an offline connection) as a fresh entry.</summary>
        public void RememberPortalNames(IEnumerable<string> names) => _portals.Store(names.ToList(), _clock.UtcNow);

        /// <summary>
        /// Changes what completion shows for one user type (just created, renamed, deleted) without
        /// making the entry fresh: the next lookup reads the portal's user types again.
        /// </summary>
        public void NoteUserType(string portal, PortalUserType? upsert, string? removedId = null)
        {
            SlotFor(portal).Edit(list =>
            {
                var id = upsert?.Id ?? removedId;
                list.RemoveAll(t => t.Id == id);
                if (upsert != null) list.Add(upsert);
            });
        }

        /// <summary>
        /// Reads Zoho's answer to a request that used a cached name or id: "no such portal" makes
        /// the portal names stale, "invalid user type id" the portal's user types (deleted or made
        /// again elsewhere), so the next lookup reads them again. True when the answer was one of those.
        /// </summary>
        public bool NoteNotFound(string portal, string? code, string? message)
        {
            if (code != "INVALID_DATA" || message == null) return false;
            if (message == ZohoPortalClient.NoSuchPortalMessage)
            {
                InvalidatePortals();
                return true;
            }
            if (message.StartsWith("Invalid user type id", StringComparison.Ordinal))
            {
                InvalidateUserTypes(portal);
                return true;
            }
            return false;
        }

        /// <summary>A change to a portal's user types: the next lookup reads them again.</summary>
        public void InvalidateUserTypes(string portal) => SlotFor(portal).Invalidate();

        /// <summary>A change to the portal (created, renamed, deleted): names and every portal's user types are read again.</summary>
        public void InvalidatePortals()
        {
            _portals.Invalidate();
            foreach (var slot in _userTypes.Values) slot.Invalidate();
        }

        /// <summary>A portal that is gone (deleted, renamed): its user types are forgotten, also by completion.</summary>
        public void ForgetPortal(string portal)
        {
            _portals.Invalidate();
            _userTypes.TryRemove(portal, out _);
        }

        private CacheSlot<PortalUserType> SlotFor(string portal) => _userTypes.GetOrAdd(portal, _ => new CacheSlot<PortalUserType>());

        private async Task<List<T>> Count<T>(Task<List<T>> listing)
        {
            Interlocked.Increment(ref _listings);
            return await listing.ConfigureAwait(false);
        }
    }

    /// <summary>A listing as the cache holds it.</summary>
    public sealed class CachedList<T>
    {
        internal CachedList(IReadOnlyList<T> items, DateTimeOffset readAt, long version, bool justRead)
        {
            Items = items;
            ReadAt = readAt;
            Version = version;
            JustRead = justRead;
        }

        public IReadOnlyList<T> Items { get; }
        /// <summary>When Zoho was asked, on the connection's clock.</summary>
        public DateTimeOffset ReadAt { get; }
        /// <summary>Changes whenever the entry is read, stored or made stale.</summary>
        public long Version { get; }
        /// <summary>True when this call read it from Zoho (a miss in it is then Zoho's answer, not the cache's age).</summary>
        public bool JustRead { get; }
    }

    /// <summary>One cached listing: a value, when it was read, whether it may be trusted, and the gate that makes reads single-flight.</summary>
    internal sealed class CacheSlot<T>
    {
        private readonly object _lock = new object();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private List<T>? _items;
        private DateTimeOffset _readAt;
        private bool _valid;
        private long _version;

        /// <summary>What was seen last, trusted or not.</summary>
        public IReadOnlyList<T>? Seen
        {
            get { lock (_lock) return _items?.ToList(); }
        }

        public CachedList<T>? PeekFresh(IClock clock, TimeSpan lifetime)
        {
            lock (_lock) return IsFresh(clock, lifetime) ? Snapshot(false) : null;
        }

        /// <summary>
        /// The entry if fresh (and not the <paramref name="staleVersion"/> a caller found wanting),
        /// else one listing: callers arriving while it runs wait for it and take its result.
        /// </summary>
        public async Task<CachedList<T>> GetAsync(Func<CancellationToken, Task<List<T>>> load, IClock clock, TimeSpan lifetime,
            long? staleVersion, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (IsFresh(clock, lifetime) && (staleVersion == null || _version != staleVersion)) return Snapshot(false);
            }
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                long startedAt;
                lock (_lock)
                {
                    // Someone read it while we waited (or since the caller's stale copy): take theirs.
                    if (IsFresh(clock, lifetime) && (staleVersion == null || _version != staleVersion)) return Snapshot(false);
                    startedAt = _version;
                }
                var items = await load(cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    // A change made while the listing was out may not be in it: keep it for this caller only.
                    if (_version != startedAt) return new CachedList<T>(items, clock.UtcNow, _version, true);
                    _items = items;
                    _readAt = clock.UtcNow;
                    _valid = true;
                    _version++;
                    return Snapshot(true);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Store(List<T> items, DateTimeOffset readAt)
        {
            lock (_lock)
            {
                _items = items;
                _readAt = readAt;
                _valid = true;
                _version++;
            }
        }

        public void Edit(Action<List<T>> edit)
        {
            lock (_lock)
            {
                var copy = _items?.ToList() ?? new List<T>();
                edit(copy);
                _items = copy;
                _valid = false;
                _version++;
            }
        }

        public void Invalidate()
        {
            lock (_lock)
            {
                _valid = false;
                _version++;
            }
        }

        private bool IsFresh(IClock clock, TimeSpan lifetime) =>
            _valid && _items != null && lifetime > TimeSpan.Zero && clock.UtcNow - _readAt < lifetime;

        private CachedList<T> Snapshot(bool justRead) => new CachedList<T>(_items!.ToList(), _readAt, _version, justRead);
    }
}
