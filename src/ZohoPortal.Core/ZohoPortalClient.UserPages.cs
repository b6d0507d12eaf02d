using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    /// <summary>
    /// Listing a user type's users (zoho-api.md "Users"): page 1 alone, then, once Zoho has said
    /// how many users there are and the consumer has taken page 1, the pages still needed read
    /// concurrently a bounded number ahead of the consumer and handed over in order. See
    /// docs/users.md "Paging, read-ahead and -First".
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>Most pages read ahead of the consumer (each holds up to <see cref="MaxUsersPerPage"/> users).</summary>
        public const int MaxReadAheadPages = 10;

        /// <summary>
        /// Lists the users of one user type page by page, handing each page's users to
        /// <paramref name="onPage"/> as it arrives. Honours the query's Skip and First with as few
        /// requests as possible: a small First asks for a small page, a Skip jumps straight to the
        /// page where the wanted users start, and no page past the last wanted user is asked for.
        /// </summary>
        public Task<PortalUserListing> ListUsersAsync(string portal, string userTypeId, PortalUserQuery query,
            Action<IReadOnlyList<PortalUser>> onPage, CancellationToken cancellationToken = default)
        {
            if (onPage == null) throw new ArgumentNullException(nameof(onPage));
            return ListUsersAsync(portal, userTypeId, query, (page, _) =>
            {
                onPage(page);
                return Task.CompletedTask;
            }, cancellationToken);
        }

        /// <summary>
        /// As <see cref="ListUsersAsync(string, string, PortalUserQuery, Action{IReadOnlyList{PortalUser}}, CancellationToken)"/>,
        /// with backpressure: the task <paramref name="onPage"/> returns completes when the consumer
        /// has taken the page. Nothing past page 1 is asked for before page 1 is taken (so a
        /// consumer that wants only some of its users costs one request), and at most
        /// <see cref="PortalUserQuery.ReadAhead"/> pages are read ahead of the page being taken.
        /// </summary>
        public async Task<PortalUserListing> ListUsersAsync(string portal, string userTypeId, PortalUserQuery query,
            Func<IReadOnlyList<PortalUser>, CancellationToken, Task> onPage, CancellationToken cancellationToken = default)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (onPage == null) throw new ArgumentNullException(nameof(onPage));
            if (query.Skip < 0) throw new ZohoValidationException("InvalidSkip", "Skip must be 0 or more.", "Skip");
            if (query.First.HasValue && query.First.Value < 0) throw new ZohoValidationException("InvalidFirst", "First must be 0 or more.", "First");
            if (query.ReadAhead.HasValue && query.ReadAhead.Value < 0) throw new ZohoValidationException("InvalidReadAhead", "ReadAhead must be 0 or more.", "ReadAhead");
            UserTypeIdRules.Validate(userTypeId, "UserType");
            ValidateFilters(query.Filters);

            var listing = new PortalUserListing();
            if (query.First == 0) return listing;
            var perPage = PageSizeFor(query);

            if (query.PersonalityIds == null)
            {
                await ListPagesAsync(portal, userTypeId, query, null, perPage, new Cursor(query.Skip, query.First), listing, onPage, jump: true, cancellationToken).ConfigureAwait(false);
                return listing;
            }

            ValidatePersonalityIds(query.PersonalityIds);
            var cursor = new Cursor(query.Skip, query.First);
            var wanted = query.PersonalityIds.Distinct(StringComparer.Ordinal).ToList();
            for (var offset = 0; offset < wanted.Count && cursor.First != 0; offset += MaxIdsPerListFilter)
            {
                var chunk = wanted.Skip(offset).Take(MaxIdsPerListFilter).ToList();
                await ListPagesAsync(portal, userTypeId, query, chunk, perPage, cursor, listing, onPage, jump: false, cancellationToken).ConfigureAwait(false);
            }
            return listing;
        }

        /// <summary>Readings of a whole user type at most, when it keeps changing while it is read (<see cref="ReadAllUsersAsync"/>).</summary>
        internal const int MaxWholeTypeReadings = 3;

        /// <summary>
        /// Every user of a user type, for a command that plans from them (Sync-PortalUser's read of
        /// the portal, user-type removal). When the pages' totals say the type changed while it was
        /// read (someone else moved, removed or invited users meanwhile), users may be missing or
        /// doubled, so it is read again, at most <see cref="MaxWholeTypeReadings"/> times in all;
        /// the last reading is kept. Each user carries <paramref name="typeName"/>.
        /// </summary>
        internal async Task<(List<PortalUser> Users, int Requests)> ReadAllUsersAsync(string portal, string userTypeId, string typeName,
            CancellationToken cancellationToken)
        {
            var requests = 0;
            for (var reading = 1; ; reading++)
            {
                var users = new List<PortalUser>();
                var listing = await ListUsersAsync(portal, userTypeId, new PortalUserQuery(), page =>
                {
                    foreach (var user in page)
                    {
                        user.UserTypeName = typeName;
                        users.Add(user);
                    }
                }, cancellationToken).ConfigureAwait(false);
                requests += listing.Requests;
                if (!listing.TotalChanged || reading == MaxWholeTypeReadings) return (users, requests);
            }
        }

        /// <summary>How many users of a user type match the query (info.total_count of a one-user page); null when Zoho does not say.</summary>
        public async Task<long?> CountUsersAsync(string portal, string userTypeId, PortalUserQuery query, CancellationToken cancellationToken = default)
        {
            var page = await GetUsersPageAsync(portal, userTypeId, new PortalUserQuery { Status = query.Status, Filters = query.Filters }, 1, 1, cancellationToken).ConfigureAwait(false);
            if (page.Users.Count == 0) return 0;
            if (page.Info?.TotalCount != null) return page.Info.TotalCount;
            return page.Info?.MoreRecords == false ? page.Users.Count : (long?)null;
        }

        /// <summary>The total the first page of one run of pages gave, to notice the type changing under the listing.</summary>
        private sealed class TotalWatch
        {
            public long? First;
        }

        /// <summary>Users still to skip and to hand over, across the pages (and id chunks) of one listing.</summary>
        private sealed class Cursor
        {
            public Cursor(long skip, long? first)
            {
                Skip = skip;
                First = first;
            }

            public long Skip;
            public long? First;
        }

        private async Task ListPagesAsync(string portal, string userTypeId, PortalUserQuery query, List<string>? ids, int perPage,
            Cursor cursor, PortalUserListing listing, Func<IReadOnlyList<PortalUser>, CancellationToken, Task> onPage, bool jump, CancellationToken cancellationToken)
        {
            var pageQuery = new PortalUserQuery { Status = query.Status, Filters = query.Filters, PersonalityIds = ids };
            var idSet = ids == null ? null : new HashSet<string>(ids, StringComparer.Ordinal);
            var watch = new TotalWatch();
            var page = 1;
            PortalUserPage current;
            if (jump && cursor.Skip >= perPage)
            {
                page = (int)Math.Min(int.MaxValue, cursor.Skip / perPage + 1);
                current = await GetUsersPageAsync(portal, userTypeId, pageQuery, page, perPage, cancellationToken).ConfigureAwait(false);
                listing.Requests++;
                if (current.Users.Count == 0)
                {
                    // Past the end: everything in this type was skipped. Learn how much that was.
                    var total = await CountUsersAsync(portal, userTypeId, pageQuery, cancellationToken).ConfigureAwait(false);
                    listing.Requests++;
                    if (total.HasValue)
                    {
                        listing.TotalCount = total;
                        listing.Skipped += Math.Min(total.Value, cursor.Skip);
                        cursor.Skip -= Math.Min(total.Value, cursor.Skip);
                        return;
                    }
                    page = 1; // Zoho did not say: count by reading from the start.
                    current = await GetUsersPageAsync(portal, userTypeId, pageQuery, page, perPage, cancellationToken).ConfigureAwait(false);
                    listing.Requests++;
                }
                else
                {
                    var before = (long)(page - 1) * perPage;
                    listing.Skipped += before;
                    cursor.Skip -= before;
                }
            }
            else
            {
                current = await GetUsersPageAsync(portal, userTypeId, pageQuery, page, perPage, cancellationToken).ConfigureAwait(false);
                listing.Requests++;
            }
            if (current.Users.Count == 0)
            {
                if (page == 1) listing.TotalCount = 0;
                return;
            }
            if (!await ConsumeAsync(current, idSet, cursor, listing, watch, onPage, perPage, cancellationToken).ConfigureAwait(false)) return;

            // Zoho said how many there are: the pages still wanted are known, and can be read together.
            var readAhead = ReadAheadFor(query);
            var total2 = current.Info?.TotalCount;
            if (readAhead > 0 && total2.HasValue && idSet == null)
            {
                var lastPage = LastWantedPage(total2.Value, perPage, page, cursor);
                if (lastPage > page)
                {
                    var outcome = await ReadAheadAsync(portal, userTypeId, pageQuery, perPage, page + 1, lastPage, readAhead, idSet, cursor, listing, watch, onPage, cancellationToken).ConfigureAwait(false);
                    if (outcome == null) return;
                    current = outcome.Value.Last;
                    page = outcome.Value.Page;
                    // The total counted at page 1 may have grown since: more_records on the last page says so.
                    if (!MoreWanted(current, cursor, perPage)) return;
                }
            }

            while (true)
            {
                page++;
                cancellationToken.ThrowIfCancellationRequested();
                current = await GetUsersPageAsync(portal, userTypeId, pageQuery, page, perPage, cancellationToken).ConfigureAwait(false);
                listing.Requests++;
                if (current.Users.Count == 0) return;
                if (!await ConsumeAsync(current, idSet, cursor, listing, watch, onPage, perPage, cancellationToken).ConfigureAwait(false)) return;
            }
        }

        /// <summary>Pages read ahead for this query: its own choice, else the connection's MaxConcurrency, at most <see cref="MaxReadAheadPages"/>.</summary>
        private int ReadAheadFor(PortalUserQuery query) =>
            Math.Min(MaxReadAheadPages, Math.Max(0, query.ReadAhead ?? Options.MaxConcurrency));

        /// <summary>The last page holding a wanted user, from the total Zoho gave and what is still to skip and take.</summary>
        private static int LastWantedPage(long total, int perPage, int page, Cursor cursor)
        {
            var lastByTotal = (total + perPage - 1) / perPage;
            if (cursor.First.HasValue)
            {
                // Users past this page: first the ones still skipped, then the ones still wanted.
                var through = (long)page * perPage + cursor.Skip + cursor.First.Value;
                lastByTotal = Math.Min(lastByTotal, (through + perPage - 1) / perPage);
            }
            return (int)Math.Min(int.MaxValue, lastByTotal);
        }

        /// <summary>
        /// Reads pages <paramref name="from"/> to <paramref name="to"/> with at most
        /// <paramref name="window"/> of them in flight, and hands them over in order. A page is asked
        /// for as soon as a read ends (an answer, not the consumer, frees its place), as long as at
        /// most <paramref name="window"/> pages are asked for and not yet taken until the consumer
        /// has taken that many, 2 x <paramref name="window"/> after that: behind a slow consumer
        /// that many pages wait at most. Returns the last page taken and its number, or
        /// null when the consumer wants no more; pages still under way are then cancelled.
        /// </summary>
        private async Task<(PortalUserPage Last, int Page)?> ReadAheadAsync(string portal, string userTypeId, PortalUserQuery pageQuery, int perPage,
            int from, int to, int window, HashSet<string>? idSet, Cursor cursor, PortalUserListing listing, TotalWatch watch,
            Func<IReadOnlyList<PortalUser>, CancellationToken, Task> onPage, CancellationToken cancellationToken)
        {
            var gate = new object();
            var started = new Dictionary<int, Task<PortalUserPage>>();
            var next = from;
            var takenThrough = from - 1;
            var inFlight = 0;
            var giveUp = false;
            using (var early = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Under the gate: asks for every page whose turn has come.
                void StartDue()
                {
                    // Ahead of the consumer: W pages until it has taken W of them (a consumer that stops
                    // early, such as Select-Object -First, then wastes at most W reads), 2W after that.
                    // (Pages taken count the one read before these, page from - 1.)
                    var ahead = takenThrough - from + 2 >= window ? 2 * window : window;
                    while (!giveUp && next <= to && inFlight < window && next <= takenThrough + ahead)
                    {
                        var read = GetUsersPageAsync(portal, userTypeId, pageQuery, next, perPage, early.Token);
                        // The consumer awaits the read with its bookkeeping done, so the count in flight is exact when it looks.
                        started[next++] = read.ContinueWith(t =>
                        {
                            lock (gate)
                            {
                                inFlight--;
                                // A failed read ends the listing when the consumer reaches it: ask for nothing more meanwhile.
                                if (t.Status != TaskStatus.RanToCompletion) giveUp = true;
                                StartDue();
                            }
                            return t;
                        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
                        inFlight++;
                        listing.Requests++;
                    }
                }

                try
                {
                    PortalUserPage current = null!;
                    for (var page = from; page <= to; page++)
                    {
                        Task<PortalUserPage> task;
                        lock (gate)
                        {
                            StartDue();
                            task = started[page];
                            started.Remove(page);
                        }
                        current = await task.ConfigureAwait(false);
                        if (current.Users.Count == 0) return null;
                        if (!await ConsumeAsync(current, idSet, cursor, listing, watch, onPage, perPage, cancellationToken).ConfigureAwait(false)) return null;
                        lock (gate) takenThrough = page;
                    }
                    return (current, to);
                }
                finally
                {
                    List<Task<PortalUserPage>> pending;
                    lock (gate)
                    {
                        giveUp = true;
                        pending = started.Values.ToList();
                    }
                    if (pending.Count > 0)
                    {
                        // Given up (the consumer is done, or a page failed): stop the reads still under way and let them end quietly.
                        early.Cancel();
                        try { await Task.WhenAll(pending).ConfigureAwait(false); } catch (Exception) { }
                    }
                }
            }
        }

        /// <summary>Skips and hands over one page's users, waiting until the consumer took them; false when no further page is wanted.</summary>
        private static async Task<bool> ConsumeAsync(PortalUserPage current, HashSet<string>? idSet, Cursor cursor,
            PortalUserListing listing, TotalWatch watch, Func<IReadOnlyList<PortalUser>, CancellationToken, Task> onPage, int perPage, CancellationToken cancellationToken)
        {
            var total = current.Info?.TotalCount;
            if (total != null)
            {
                listing.TotalCount = total;
                if (watch.First == null)
                {
                    watch.First = total;
                    if (listing.FirstTotalCount == null) listing.FirstTotalCount = total;
                }
                else if (total != watch.First)
                {
                    listing.TotalChanged = true;
                }
            }
            var users = idSet == null ? current.Users : current.Users.Where(u => idSet.Contains(u.PersonalityId)).ToList();
            var dropped = (int)Math.Min(cursor.Skip, users.Count);
            cursor.Skip -= dropped;
            listing.Skipped += dropped;
            IEnumerable<PortalUser> kept = users.Skip(dropped);
            if (cursor.First.HasValue) kept = kept.Take((int)Math.Min(cursor.First.Value, int.MaxValue));
            var handed = kept.ToList();
            if (handed.Count > 0)
            {
                listing.Returned += handed.Count;
                if (cursor.First.HasValue) cursor.First -= handed.Count;
                await onPage(handed, cancellationToken).ConfigureAwait(false);
            }
            return MoreWanted(current, cursor, perPage);
        }

        private static bool MoreWanted(PortalUserPage current, Cursor cursor, int perPage)
        {
            if (cursor.First == 0) return false;
            // more_records is Zoho's word; without an info block a short page is the last one.
            return current.Info?.MoreRecords ?? current.Users.Count >= perPage;
        }

        /// <summary>A page just big enough for skip + first when that fits in one page, else the largest page (fewest calls).</summary>
        internal static int PageSizeFor(PortalUserQuery query)
        {
            if (query.First.HasValue && query.PersonalityIds == null && query.Skip + query.First.Value <= MaxUsersPerPage)
                return (int)Math.Max(1, query.Skip + query.First.Value);
            return MaxUsersPerPage;
        }
    }
}
