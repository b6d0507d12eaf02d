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
