using System.Net.Http;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// Zoho pages by position, so users leaving the listed type while it is read shift the pages not
/// yet read. The listing notices it from the totals the pages report (docs/users.md rule 7).
/// </summary>
public sealed class ListingChangeTests
{
    private const string Portal = "ZylkerAutos";

    [Fact]
    public async Task AConsumerMovingTheUsersItIsHanded_MakesTheListingReportTheChange()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var handed = 0;

        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), async (page, ct) =>
        {
            handed += page.Count;
            await org.Client.TransferUsersAsync(Portal, customers, partners, page.Select(u => u.PersonalityId).ToList(), cancellationToken: ct);
        });

        Assert.True(listing.TotalChanged);
        Assert.Equal(1050, listing.FirstTotalCount);
        Assert.True(listing.TotalCount < 1050);
        // What the change costs: users the listing never handed over.
        Assert.True(handed < 1050, handed + " users handed over");
    }

    [Fact]
    public async Task AListingNothingChanges_ReportsNoChange()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1050, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var handed = 0;

        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), page => handed += page.Count);

        Assert.False(listing.TotalChanged);
        Assert.Equal(1050, listing.FirstTotalCount);
        Assert.Equal(1050, listing.TotalCount);
        Assert.Equal(1050, handed);
    }
}

/// <summary>A read of a whole type for planning is read again when the type changed under it.</summary>
public sealed class WholeTypeReadingTests
{
    private const string Portal = "ZylkerAutos";

    /// <summary>
    /// Before any page after the first is answered, someone else moves the oldest Customers user to
    /// Partners (once): every first reading then has page 1 from before the change and the rest
    /// from after it, as when another administrator acts in the middle of a read.
    /// </summary>
    private sealed class MoveOneInDuringTheRead(Func<Task> move) : DelegatingHandler
    {
        private readonly object _gate = new();
        private Task? _move;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            if (request.Method == HttpMethod.Get && query.Contains("per_page=200", StringComparison.Ordinal) && !query.Contains("page=1&", StringComparison.Ordinal))
            {
                Task pending;
                lock (_gate) pending = _move ??= move();
                await pending;
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task ThePortalReadBySync_IsReadAgainWhenATypeChangedWhileItWasRead()
    {
        MoveOneInDuringTheRead? handler = null;
        EmulatedOrg? orgRef = null;
        string customers = "", partners = "";
        handler = new MoveOneInDuringTheRead(async () =>
        {
            var someone = orgRef!.Emulator.Org.GetRecords("Contacts").Where(r => r.IsPortalUser).Select(r => r.Id).ToList();
            // The first seeded user is in Customers (the default type, seeded first), on page 1: moving it
            // shifts every later page of Customers by one, and it lands on page 1 of Partners.
            await orgRef.Client.TransferUsersAsync(Portal, customers, partners, new[] { someone[0] });
        });
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450, ContactCount = 0 },
            configureClient: c => { handler.InnerHandler = c.Transport!; c.Transport = handler; });
        orgRef = org;
        (customers, partners) = await org.UserTypeIdsAsync();

        var snapshot = await new PortalMembershipSync(org.Client).ReadAsync(Portal);

        // Read once, Customers would miss or double a user (pages 2 and 3 shifted by one) and the
        // moved user would show in both types or neither; read again, each type is as it is now.
        Assert.Equal(449, snapshot.Users.Count(u => u.UserTypeName == "Customers"));
        Assert.Equal(451, snapshot.Users.Count(u => u.UserTypeName == "Partners"));
        Assert.Equal(900, snapshot.Users.Select(u => u.PersonalityId).Distinct().Count());
        // One user-type listing, three pages per reading: a type that began before the move is read twice.
        Assert.InRange(snapshot.Requests, 1 + 3 * 3, 1 + 2 * 2 * 3);
    }
}
