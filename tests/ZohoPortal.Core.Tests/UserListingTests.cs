using System.Net.Http;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

public sealed class UserListingTests
{
    private const string Portal = "ZylkerAutos";

    private static async Task<List<PortalUser>> AllAsync(EmulatedOrg org, string typeId, PortalUserQuery? query = null)
    {
        var users = new List<PortalUser>();
        await org.Client.ListUsersAsync(Portal, typeId, query ?? new PortalUserQuery(), page => users.AddRange(page));
        return users;
    }

    [Fact]
    public async Task List_First5_Over5000Users_RequestsOneSmallPage()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 5000, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();

        var users = new List<PortalUser>();
        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery { First = 5 }, page => users.AddRange(page));

        Assert.Equal(5, users.Count);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("GET", "/users"));
        Assert.Contains("per_page=5", org.Emulator.RequestLog.Entries.Single().Query);
        Assert.Equal(5000, listing.TotalCount);
        Assert.All(users, u => Assert.Equal(customers, u.UserTypeId));
        Assert.All(users, u => Assert.Equal(Portal, u.PortalName));
    }

    [Fact]
    public async Task List_All_Streams450UsersInThreePages()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();
        var pages = new List<int>();

        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery(), page => pages.Add(page.Count));

        Assert.Equal(new[] { 200, 200, 50 }, pages);
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("GET", "/users"));
        Assert.Equal(450, listing.Returned);
        Assert.Equal(450, listing.TotalCount);
    }

    [Fact]
    public async Task List_Skip_JumpsToThePageWhereTheWantedUsersStart()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 700, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var everyone = await AllAsync(org, customers);
        org.Emulator.RequestLog.Clear();

        var users = new List<PortalUser>();
        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery { Skip = 450, First = 10 }, page => users.AddRange(page));

        Assert.Equal(everyone.Skip(450).Take(10).Select(u => u.PersonalityId), users.Select(u => u.PersonalityId));
        Assert.Equal(450, listing.Skipped);
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("GET", "/users"));
        Assert.Contains("page=3", org.Emulator.RequestLog.Entries.Single().Query);
    }

    [Fact]
    public async Task List_SkipPastTheEnd_ReportsEverythingSkipped()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 250, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();

        var users = new List<PortalUser>();
        var listing = await org.Client.ListUsersAsync(Portal, customers, new PortalUserQuery { Skip = 1000 }, page => users.AddRange(page));

        Assert.Empty(users);
        Assert.Equal(250, listing.Skipped);
        Assert.Equal(250, listing.TotalCount);
    }

    [Fact]
    public async Task List_StatusAndStatusReasonFilter_MatchTheOrgsState()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 300, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var everyone = await AllAsync(org, customers);
        org.Emulator.RequestLog.Clear();

        var query = new PortalUserQuery { Status = PortalUserStatus.Deactivated };
        query.Filters.Add(PortalUserFilter.StatusReasonEquals("disabled on updation of email"));
        var users = await AllAsync(org, customers, query);

        var expected = everyone.Where(u => !u.Active && u.StatusReason == "disabled on updation of email").Select(u => u.PersonalityId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, users.Select(u => u.PersonalityId));
        var sent = org.Emulator.RequestLog.Entries.First().Query;
        Assert.Contains("type=DeactiveUsers", sent);
        Assert.Contains("filters=", sent);
        Assert.Contains("status_reason__s", Uri.UnescapeDataString(sent));

        var notQuery = new PortalUserQuery();
        notQuery.Filters.Add(PortalUserFilter.StatusReasonNotEquals("disabled on updation of email"));
        Assert.Equal(everyone.Count - expected.Count, (await AllAsync(org, customers, notQuery)).Count);
    }

    [Fact]
    public async Task List_PersonalityIds_ReturnsOnlyThoseUsers()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 300, ContactCount = 0 });
        var (customers, _) = await org.UserTypeIdsAsync();
        var everyone = await AllAsync(org, customers);
        var wanted = new List<string> { everyone[3].PersonalityId, everyone[250].PersonalityId, "1306462000099999999" };
        org.Emulator.RequestLog.Clear();

        var users = await AllAsync(org, customers, new PortalUserQuery { PersonalityIds = wanted });

        Assert.Equal(new[] { everyone[3].PersonalityId, everyone[250].PersonalityId }, users.Select(u => u.PersonalityId));
        Assert.Equal(1, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task List_BadFilter_FailsBeforeAnyRequest()
    {
        using var org = new EmulatedOrg();
        var (customers, _) = await org.UserTypeIdsAsync();
        org.Emulator.RequestLog.Clear();
        var query = new PortalUserQuery();
        query.Filters.Add(new PortalUserFilter { Field = "email", Value = "x" });

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.ListUsersAsync(Portal, customers, query, _ => { }));

        Assert.Equal("InvalidUserFilter", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Emulator_MalformedFiltersOrBadType_AnswersZohoErrors()
    {
        using var org = new EmulatedOrg();
        var (customers, _) = await org.UserTypeIdsAsync();
        var path = "/settings/portals/" + Portal + "/user_type/" + customers + "/users";

        var badJson = await Assert.ThrowsAsync<ZohoApiException>(() =>
            org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Get, path).AddQuery("filters", "[{"), r => r.Body, CancellationToken.None));
        Assert.Equal("INVALID_DATA", badJson.Code);
        Assert.Equal("filters", badJson.Details["param"]);

        var badType = await Assert.ThrowsAsync<ZohoApiException>(() =>
            org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Get, path).AddQuery("type", "Everyone"), r => r.Body, CancellationToken.None));
        Assert.Equal("PATTERN_NOT_MATCHED", badType.Code);
    }

    [Fact]
    public async Task Emulator_KeepsUserTypeCountsInStepWithMovesAndDeletes()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 30, ContactCount = 0 });
        var (customers, partners) = await org.UserTypeIdsAsync();
        var ids = (await AllAsync(org, customers)).Select(u => u.PersonalityId).ToList();

        await org.Client.TransferUsersAsync(Portal, customers, partners, ids.Take(10).ToList());
        await org.Client.DeleteUsersAsync(Portal, partners, ids.Take(4).ToList());

        var types = await org.Client.GetUserTypesAsync(Portal);
        Assert.Equal(20, types.Single(t => t.Id == customers).UserCount);
        Assert.Equal(36, types.Single(t => t.Id == partners).UserCount);
        Assert.Equal(36, (await AllAsync(org, partners)).Count);
    }
}
