using System.Net;
using System.Text.Json.Nodes;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>FindUsersAsync: users named by id or email without their user type, with the fewest calls the API allows.</summary>
public sealed class UserLookupTests
{
    private const string Portal = "ZylkerAutos";

    private static async Task<List<PortalUser>> AllAsync(EmulatedOrg org, string typeId)
    {
        var users = new List<PortalUser>();
        await org.Client.ListUsersAsync(Portal, typeId, new PortalUserQuery(), page => users.AddRange(page));
        return users;
    }

    [Fact]
    public async Task ById_AsksEachTypeOnlyForTheIdsNotFoundYet_100PerRequest()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 250, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var customers = types.Single(t => t.Name == "Customers");
        var partners = types.Single(t => t.Name == "Partners");
        // 150 partners and 10 customers: Customers is asked for 160 ids (2 requests), Partners for the 150 left (2 requests).
        var wanted = (await AllAsync(org, partners.Id)).Take(150).Concat((await AllAsync(org, customers.Id)).Take(10)).ToList();
        org.Emulator.RequestLog.Clear();

        var matches = await org.Client.FindUsersAsync(Portal, types, wanted.Select(u => u.PersonalityId).ToList(), Array.Empty<string>());

        Assert.Equal(160, matches.ById.Count);
        Assert.All(wanted, u => Assert.Equal(u.UserTypeId, matches.ById[u.PersonalityId].UserTypeId));
        Assert.Equal("Partners", matches.ById[wanted[0].PersonalityId].UserTypeName);
        Assert.Equal(Portal, matches.ById[wanted[0].PersonalityId].PortalName);
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("GET", "/user_type/" + customers.Id + "/users"));
        Assert.Equal(2, org.Emulator.RequestLog.CountOf("GET", "/user_type/" + partners.Id + "/users"));
        Assert.Equal(4, matches.Requests);
        Assert.Equal(4, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task ById_StopsAsSoonAsEveryIdIsFound()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 5, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var first = (await AllAsync(org, types[0].Id)).First();
        org.Emulator.RequestLog.Clear();

        var matches = await org.Client.FindUsersAsync(Portal, types, new[] { first.PersonalityId, first.PersonalityId }, Array.Empty<string>());

        Assert.Single(matches.ById);
        Assert.Equal(1, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task ByEmail_ReadsEachTypeOnce_WhateverTheNumberOfEmails_IgnoringCase()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var partners = await AllAsync(org, types.Single(t => t.Name == "Partners").Id);
        var emails = partners.Take(40).Select(u => u.Email!.ToUpperInvariant()).Append("nobody@example.com").ToList();
        org.Emulator.RequestLog.Clear();

        var matches = await org.Client.FindUsersAsync(Portal, types, Array.Empty<string>(), emails);

        // 450 users per type, 200 per page: 3 pages per type, 2 types.
        Assert.Equal(6, org.Emulator.RequestLog.Count);
        Assert.Equal(6, matches.Requests);
        Assert.Equal(40, matches.ByEmail.Count);
        Assert.All(partners.Take(40), u => Assert.Equal(u.PersonalityId, Assert.Single(matches.ByEmail[u.Email!]).PersonalityId));
        Assert.False(matches.ByEmail.ContainsKey("nobody@example.com"));
    }

    [Fact]
    public async Task ByEmail_TwoUsersWithOneEmail_AreBothReported()
    {
        // Zoho refuses to invite an email a portal user already has, but a CRM record's email can change afterwards;
        // the users page is rewritten here to show two users sharing one address.
        CapturingHandler? wire = null;
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 3, ContactCount = 0 }, configureClient: o =>
        {
            wire = new CapturingHandler(o.Transport!);
            o.Transport = wire;
        });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var customers = await AllAsync(org, types[0].Id);
        wire!.Override = (request, _) =>
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/user_type/" + types[0].Id + "/users", StringComparison.Ordinal)) return null;
            var users = new JsonArray();
            foreach (var u in customers)
                users.Add(new JsonObject { ["personality_id"] = u.PersonalityId, ["name"] = u.Name, ["email"] = customers[0].Email, ["active"] = true, ["confirm"] = true });
            var body = new JsonObject { ["users"] = users, ["info"] = new JsonObject { ["per_page"] = 200, ["count"] = 3, ["page"] = 1, ["more_records"] = false } };
            return CapturingHandler.Json(HttpStatusCode.OK, body.ToJsonString());
        };

        var matches = await org.Client.FindUsersAsync(Portal, types, Array.Empty<string>(), new[] { customers[0].Email! });

        Assert.Equal(customers.Select(u => u.PersonalityId), matches.ByEmail[customers[0].Email!].Select(u => u.PersonalityId));
    }

    [Fact]
    public async Task MalformedId_IsRefusedBeforeAnyRequest()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        org.Emulator.RequestLog.Clear();

        var error = await Assert.ThrowsAsync<ZohoPortal.Core.Errors.ZohoValidationException>(() =>
            org.Client.FindUsersAsync(Portal, types, new[] { "bob" }, Array.Empty<string>()));

        Assert.Equal("InvalidPersonalityId", error.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }
}
