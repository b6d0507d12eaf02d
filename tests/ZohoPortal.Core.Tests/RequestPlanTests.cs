using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>The core's request plans: what they say is what the executors send.</summary>
public sealed class RequestPlanTests
{
    private const string Portal = "ZylkerAutos";

    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(450, 3)]
    public async Task TransferPlan_CallsAreTheRequestsSent(int users, int calls)
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = users, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var from = types.Single(t => t.Name == "Customers");
        var to = types.Single(t => t.Name == "Partners");
        var ids = new List<string>();
        await org.Client.ListUsersAsync(Portal, from.Id, new PortalUserQuery(), page => ids.AddRange(page.Select(u => u.PersonalityId)));
        org.Emulator.RequestLog.Clear();

        var plan = org.Client.PlanUserTransfer(Portal, from.Id, to.Id, ids);
        var results = await org.Client.RunUserPlanAsync(plan);

        Assert.Equal(calls, plan.Calls);
        Assert.Equal(calls, org.Emulator.RequestLog.CountOf("POST", "/users/action/transfer"));
        Assert.Equal(org.Emulator.RequestLog.Count, org.Emulator.RequestLog.CountOf("POST", plan.Path));
        Assert.Equal(users, results.Count(r => r.IsSuccess));
        Assert.Equal(ids, plan.Batches.SelectMany(b => b));
        Assert.Contains("/settings/portals/" + Portal + "/user_type/" + from.Id + "/users/action/transfer?transfer_To=" + to.Id, plan.Describe());
        Assert.EndsWith(calls + (calls == 1 ? " call" : " calls") + " of at most 200 users", plan.Describe());
    }

    [Fact]
    public async Task DeletionPlan_499PerCall_AndStopFinishesTheBatchInFlight()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1000, ContactCount = 0 });
        var type = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Customers");
        var ids = new List<string>();
        await org.Client.ListUsersAsync(Portal, type.Id, new PortalUserQuery(), page => ids.AddRange(page.Select(u => u.PersonalityId)));
        org.Emulator.RequestLog.Clear();
        using var stop = new CancellationTokenSource();

        var plan = org.Client.PlanUserDeletion(Portal, type.Id, ids);
        var results = await org.Client.RunUserPlanAsync(plan, batch => stop.Cancel(), stopToken: stop.Token);

        Assert.Equal(3, plan.Calls);
        Assert.Equal(new[] { 499, 499, 2 }, plan.Batches.Select(b => b.Count));
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("DELETE", "/users"));
        Assert.Equal(499, results.Count);
    }

    [Fact]
    public void Plans_ValidateBeforeAnythingIsSent()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 1, ContactCount = 0 });
        var e = Assert.Throws<ZohoValidationException>(() => org.Client.PlanUserTransfer(Portal, "1306462000000000001", "1306462000000000002", new[] { "bob" }));
        Assert.Equal("InvalidPersonalityId", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task UserTypeRemoval_WithUsersAndNoDestination_IsRefusedByThePlan_AndTheRunSendsNothing()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 3, ContactCount = 0 });
        var partners = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Partners");
        partners.NoOfUsers = 0; // a stale object: the plan reads the count again
        org.Emulator.RequestLog.Clear();

        var plan = await org.Client.PlanUserTypeRemovalAsync(Portal, partners, null);
        var outcome = await org.Client.RunUserTypeRemovalAsync(plan);

        Assert.True(plan.HasUsersWithoutDestination);
        Assert.Equal(3, plan.UserCount);
        Assert.False(outcome.Deleted);
        Assert.Equal(1, org.Emulator.RequestLog.Count);
        Assert.Equal(0, org.Emulator.RequestLog.CountOf("DELETE", "/user_type"));
    }

    [Fact]
    public async Task UserTypeRemoval_WithDestination_SendsThePlannedTransfersThenTheDelete()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 450, ContactCount = 0 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var partners = types.Single(t => t.Name == "Partners");
        var customers = types.Single(t => t.Name == "Customers");

        var plan = await org.Client.PlanUserTypeRemovalAsync(Portal, partners, customers);
        org.Emulator.RequestLog.Clear();
        var outcome = await org.Client.RunUserTypeRemovalAsync(plan);

        Assert.Equal(4, plan.Calls);
        Assert.Equal(450, outcome.Moved);
        Assert.True(outcome.Deleted);
        Assert.Equal(3, org.Emulator.RequestLog.CountOf("POST", "/users/action/transfer"));
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("DELETE", "/user_type/" + partners.Id));
        Assert.Equal(plan.Calls, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task UserTypeCreation_PrivateModuleWithoutLayout_IsRefusedNamingTheModule_BeforeAnyPost()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 0, ContactCount = 0 });
        var meta = await org.Client.GetPortalMetaAsync("Contacts");
        var input = new PortalUserTypeInput
        {
            Name = "Dealers",
            PersonalityModule = "Contacts",
            Modules = meta.Where(m => m.ApiName is "Contacts" or "Notes")
                .Select(m => new UserTypeModule { Id = m.Id, ApiName = m.ApiName, SharedType = m.SharedType, Permissions = new UserTypePermissions { View = true } }).ToList(),
        };
        org.Emulator.RequestLog.Clear();

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.PlanUserTypeCreationAsync(Portal, input));

        Assert.Equal("ModuleLayoutRequired", e.ErrorId);
        Assert.Contains("Module Contacts", e.Message);
        Assert.Contains("Standard", e.Message);
        Assert.Equal(0, org.Emulator.RequestLog.CountOf("POST", "/user_type"));
    }
}
