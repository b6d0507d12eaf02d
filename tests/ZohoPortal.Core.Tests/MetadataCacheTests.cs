using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Metadata;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// The connection's cache of portal names and user types (ZohoPortalClient.Metadata): trusted for
/// its lifetime on the connection's clock, made stale by every change the client makes to them,
/// read again once when a caller finds a name missing, and single-flight. Requests are counted
/// in the emulator's request log.
/// </summary>
public sealed class MetadataCacheTests
{
    private const string Portal = "ZylkerAutos";

    private static int TypeListings(EmulatedOrg org) =>
        org.Emulator.RequestLog.Entries.Count(e => e.Method == "GET" && e.Path.EndsWith("/settings/portals/" + Portal + "/user_type", StringComparison.Ordinal));

    private static int PortalListings(EmulatedOrg org) =>
        org.Emulator.RequestLog.Entries.Count(e => e.Method == "GET" && e.Path.EndsWith("/settings/portals", StringComparison.Ordinal));

    private static PortalUserTypeInput NotesType(string name) => new()
    {
        Name = name,
        PersonalityModule = "Contacts",
        Active = true,
        Modules = new List<UserTypeModule>
        {
            new() { ApiName = "Contacts", Permissions = new UserTypePermissions { View = true }, Layouts = new List<UserTypeLayout> { new() { Name = "Standard" } }, Views = new UserTypeView { Name = "All Contacts" } },
            new() { ApiName = "Notes", Permissions = new UserTypePermissions { View = true } },
        },
    };

    [Fact]
    public async Task Listing_IsReused_ForItsLifetime_OnTheConnectionsClock()
    {
        using var org = new EmulatedOrg(configureClient: o => o.MetadataCacheLifetime = TimeSpan.FromMinutes(5));
        var first = await org.Client.Metadata.GetUserTypesAsync(Portal);
        Assert.True(first.JustRead);
        org.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var second = await org.Client.Metadata.GetUserTypesAsync(Portal);
        Assert.False(second.JustRead);
        Assert.Equal(first.Items.Select(t => t.Id), second.Items.Select(t => t.Id));
        Assert.Equal(1, TypeListings(org));

        org.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await org.Client.Metadata.GetUserTypesAsync(Portal)).JustRead);
        Assert.Equal(2, TypeListings(org));
    }

    [Fact]
    public async Task PortalNames_AreReused_ForTheLifetime()
    {
        using var org = new EmulatedOrg(configureClient: o => o.MetadataCacheLifetime = TimeSpan.FromSeconds(60));
        Assert.Equal(new[] { Portal }, (await org.Client.Metadata.GetPortalNamesAsync()).Items);
        await org.Client.Metadata.GetPortalNamesAsync();
        Assert.Equal(1, PortalListings(org));
        org.Clock.Advance(TimeSpan.FromSeconds(60));
        await org.Client.Metadata.GetPortalNamesAsync();
        Assert.Equal(2, PortalListings(org));
    }

    [Fact]
    public async Task ZeroLifetime_ReadsEveryTime()
    {
        using var org = new EmulatedOrg(configureClient: o => o.MetadataCacheLifetime = TimeSpan.Zero);
        for (var i = 0; i < 3; i++) await org.Client.Metadata.GetUserTypesAsync(Portal);
        Assert.Equal(3, TypeListings(org));
        Assert.Null(org.Client.Metadata.PeekUserTypes(Portal));
    }

    [Fact]
    public void NegativeLifetime_IsRefused()
    {
        using var org = new EmulatedOrg();
        Assert.Throws<ArgumentOutOfRangeException>(() => org.Client.Metadata.Lifetime = TimeSpan.FromSeconds(-1));
    }

    public static TheoryData<string> UserTypeChanges => new() { "create", "update", "delete", "delete refused" };

    [Theory]
    [MemberData(nameof(UserTypeChanges))]
    public async Task EveryUserTypeChange_MakesTheListingStale(string change)
    {
        using var org = new EmulatedOrg();
        var client = org.Client;
        var made = change.StartsWith("delete", StringComparison.Ordinal) && change != "delete refused"
            ? await client.CreateUserTypeAsync(Portal, NotesType("Gold")) : null;
        var warm = await client.Metadata.GetUserTypesAsync(Portal);
        await client.Metadata.GetUserTypesAsync(Portal);
        var before = TypeListings(org);
        Assert.NotNull(client.Metadata.PeekUserTypes(Portal));

        switch (change)
        {
            case "create":
                await client.CreateUserTypeAsync(Portal, NotesType("Gold"));
                break;
            case "update":
                await client.UpdateUserTypeAsync(Portal, warm.Items.Single(t => t.Name == "Partners").Id, new PortalUserTypeInput { Name = "Resellers" });
                break;
            case "delete":
                await client.DeleteUserTypeAsync(Portal, made!.Id);
                break;
            case "delete refused":
                // Zoho refuses (the type has users); the cache is made stale all the same: an answer may be lost after acting.
                await Assert.ThrowsAsync<ZohoApiException>(() => client.DeleteUserTypeAsync(Portal, warm.Items.Single(t => t.Name == "Partners").Id));
                break;
        }

        Assert.Null(client.Metadata.PeekUserTypes(Portal));
        var after = await client.Metadata.GetUserTypesAsync(Portal);
        Assert.True(after.JustRead);
        Assert.Equal(before + 1, TypeListings(org));
        var names = after.Items.Select(t => t.Name).ToList();
        switch (change)
        {
            case "create": Assert.Contains("Gold", names); break;
            case "update": Assert.Contains("Resellers", names); break;
            case "delete": Assert.DoesNotContain("Gold", names); break;
            case "delete refused": Assert.Contains("Partners", names); break;
        }
    }

    public static TheoryData<string> PortalChanges => new() { "rename", "delete", "create" };

    [Theory]
    [MemberData(nameof(PortalChanges))]
    public async Task EveryPortalChange_MakesNamesAndUserTypesStale(string change)
    {
        using var org = new EmulatedOrg();
        var client = org.Client;
        if (change == "create") await client.DeletePortalAsync(Portal);
        await client.Metadata.GetPortalNamesAsync();
        if (change != "create") await client.Metadata.GetUserTypesAsync(Portal);
        var portalsBefore = PortalListings(org);

        switch (change)
        {
            case "rename": await client.RenamePortalAsync(Portal, "ZylkerCare"); break;
            case "delete": await client.DeletePortalAsync(Portal); break;
            case "create": await client.CreatePortalAsync("ZylkerCare"); break;
        }

        Assert.Null(client.Metadata.PeekPortalNames());
        Assert.Null(client.Metadata.PeekUserTypes(Portal));
        var names = await client.Metadata.GetPortalNamesAsync();
        Assert.Equal(portalsBefore + 1, PortalListings(org));
        Assert.Equal(change == "delete" ? Array.Empty<string>() : new[] { "ZylkerCare" }, names.Items);
    }

    [Fact]
    public async Task Refresh_ReadsAgain_AndFindsWhatAnotherConnectionMade()
    {
        using var org = new EmulatedOrg();
        var stale = await org.Client.Metadata.GetUserTypesAsync(Portal);
        using var other = org.NewClient();
        await other.CreateUserTypeAsync(Portal, NotesType("Gold"));

        Assert.DoesNotContain(stale.Items, t => t.Name == "Gold");
        Assert.DoesNotContain((await org.Client.Metadata.GetUserTypesAsync(Portal)).Items, t => t.Name == "Gold"); // still fresh: not read again
        var fresh = await org.Client.Metadata.RefreshUserTypesAsync(Portal, stale);
        Assert.True(fresh.JustRead);
        Assert.Contains(fresh.Items, t => t.Name == "Gold");
        Assert.Equal(2, TypeListings(org));
    }

    [Fact]
    public async Task Refresh_OfACopyAlreadyReadAgain_SendsNothing()
    {
        using var org = new EmulatedOrg();
        var stale = await org.Client.Metadata.GetUserTypesAsync(Portal);
        var first = await org.Client.Metadata.RefreshUserTypesAsync(Portal, stale);
        var second = await org.Client.Metadata.RefreshUserTypesAsync(Portal, stale); // another caller with the same stale copy
        Assert.True(first.JustRead);
        Assert.False(second.JustRead);
        Assert.Equal(2, TypeListings(org));
    }

    [Fact]
    public async Task ConcurrentReads_ShareOneListing()
    {
        var clock = new FakeClock();
        var release = new TaskCompletionSource<List<PortalUserType>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var cache = new MetadataCache(clock, _ => Task.FromResult(new List<string> { Portal }),
            (_, _) => { Interlocked.Increment(ref calls); return release.Task; });

        // Four commands ask before the listing answers (each call runs until it waits): the first lists, the rest wait for it.
        var readers = Enumerable.Range(0, 4).Select(_ => cache.GetUserTypesAsync(Portal)).ToList();
        Assert.All(readers, r => Assert.False(r.IsCompleted));
        release.SetResult(new List<PortalUserType> { new() { Id = "1", Name = "Customers" } });
        var results = await Task.WhenAll(readers);

        Assert.Equal(1, calls);
        Assert.Equal(1, cache.Listings);
        Assert.All(results, r => Assert.Equal("Customers", r.Items.Single().Name));
        Assert.Single(results, r => r.JustRead);
    }

    [Fact]
    public async Task ChangeWhileAListingIsOut_IsNotHiddenByThatListing()
    {
        var clock = new FakeClock();
        var release = new TaskCompletionSource<List<PortalUserType>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var cache = new MetadataCache(clock, _ => Task.FromResult(new List<string>()),
            (_, _) => Interlocked.Increment(ref calls) == 1 ? release.Task : Task.FromResult(new List<PortalUserType> { new() { Id = "2", Name = "Gold" } }));

        var reading = cache.GetUserTypesAsync(Portal);
        cache.InvalidateUserTypes(Portal); // a change lands while the listing is out
        release.SetResult(new List<PortalUserType> { new() { Id = "1", Name = "Customers" } });
        Assert.Equal("Customers", (await reading).Items.Single().Name); // the caller gets what Zoho said
        Assert.Null(cache.PeekUserTypes(Portal));                      // but it is not kept
        Assert.Equal("Gold", (await cache.GetUserTypesAsync(Portal)).Items.Single().Name);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task FailedListing_IsNotCached_AndTheNextCallerAsksAgain()
    {
        var clock = new FakeClock();
        var calls = 0;
        var cache = new MetadataCache(clock, _ => Task.FromResult(new List<string>()),
            (_, _) => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<List<PortalUserType>>(new ZohoApiException(500, "INTERNAL_ERROR", "boom", null, "GET", "/x"))
                : Task.FromResult(new List<PortalUserType> { new() { Id = "1", Name = "Customers" } }));
        await Assert.ThrowsAsync<ZohoApiException>(() => cache.GetUserTypesAsync(Portal));
        Assert.Equal("Customers", (await cache.GetUserTypesAsync(Portal)).Items.Single().Name);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task StaleEntries_StayVisibleToCompletion()
    {
        using var org = new EmulatedOrg();
        await org.Client.Metadata.GetUserTypesAsync(Portal);
        org.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(org.Client.Metadata.PeekUserTypes(Portal));
        Assert.Contains(org.Client.Metadata.SeenUserTypes!, t => t.Name == "Partners");
    }
}
