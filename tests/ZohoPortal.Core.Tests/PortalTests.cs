using ZohoPortal.Core.Errors;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

public sealed class PortalTests
{
    [Fact]
    public async Task GetPortals_ReturnsSeededPortal()
    {
        using var org = new EmulatedOrg();
        var portals = await org.Client.GetPortalsAsync();
        var portal = Assert.Single(portals);
        Assert.Equal("ZylkerAutos", portal.Name);
        Assert.True(portal.Active);
        Assert.Equal("Patricia Boyle", portal.CreatedByInfo?.Name);
        Assert.Equal("Patricia Boyle", portal.CreatedBy);
        Assert.NotNull(portal.CreatedTime);
    }

    [Fact]
    public async Task PortalPlans_AreWhatIsSent_AndRefuseBadNamesBeforeAnyRequest()
    {
        using var org = new EmulatedOrg();
        org.Emulator.RequestLog.Clear();
        Assert.Equal("PortalNameLength", Assert.Throws<ZohoValidationException>(() => org.Client.PlanPortalRename("ZylkerAutos", "abc")).ErrorId);
        Assert.Throws<ZohoValidationException>(() => org.Client.PlanPortalDeletion(".."));
        Assert.Equal(0, org.Emulator.RequestLog.Count);

        var rename = org.Client.PlanPortalRename("ZylkerAutos", "ZylkerCare");
        Assert.Equal("PUT /settings/portals/ZylkerAutos", rename.Describe());
        await org.Client.RunPortalPlanAsync(rename);
        var delete = org.Client.PlanPortalDeletion("ZylkerCare");
        await org.Client.RunPortalPlanAsync(delete);

        var sent = org.Emulator.RequestLog.Entries.Where(e => e.Path.StartsWith("/crm/", StringComparison.Ordinal)).Select(e => e.Method + " " + e.Path).ToList();
        Assert.Equal(new[] { "PUT /crm/v8" + rename.Path, "DELETE /crm/v8" + delete.Path }, sent);
        Assert.Empty(await org.Client.GetPortalsAsync());
    }

    [Fact]
    public async Task GetPortals_EmptyOrg_IsEmptyList()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        Assert.Empty(await org.Client.GetPortalsAsync());
    }

    [Fact]
    public async Task CreatePortal_CreatesPortalAndDefaultUserType()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        var result = await org.Client.CreatePortalAsync("ZylkerCare");
        Assert.Equal("SUCCESS", result.Code);
        Assert.Equal("ZylkerCare", result.GetDetail("name"));
        Assert.Equal("Portal created successfully with given name.", result.Message);
        Assert.Equal("ZylkerCare", (await org.Client.GetPortalAsync("ZylkerCare"))?.Name);
        Assert.Equal(1, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task CreatePortal_SecondPortal_IsRefused()
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.CreatePortalAsync("AnotherOne"));
        Assert.Equal("NOT_ALLOWED", e.Code);
        Assert.Equal(400, e.HttpStatus);
    }

    [Theory]
    [InlineData("ab", "PortalNameLength")]
    [InlineData("has space", "PortalNamePattern")]
    [InlineData("", "PortalNameEmpty")]
    [InlineData("abcdefghijabcdefghijabcdefghij1", "PortalNameLength")]
    public async Task CreatePortal_BadName_FailsBeforeAnyRequest(string name, string errorId)
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.CreatePortalAsync(name));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task CreatePortal_NameTakenElsewhereInZoho_IsAlreadyUsed()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { PortalName = null });
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.CreatePortalAsync("MyFirstCompany"));
        Assert.Equal("ALREADY_USED", e.Code);
        Assert.Equal("The entered portal name is already in use", e.ZohoMessage);
        Assert.Equal("name", e.Details["api_name"]);
    }

    [Fact]
    public async Task RenameThenDelete_Portal()
    {
        using var org = new EmulatedOrg();
        var renamed = await org.Client.RenamePortalAsync("ZylkerAutos", "ZylkerCare");
        Assert.Equal("Portal renamed successfully with given name.", renamed.Message);
        Assert.Null(await org.Client.GetPortalAsync("ZylkerAutos"));
        await org.Client.DeletePortalAsync("ZylkerCare");
        Assert.Empty(await org.Client.GetPortalsAsync());
        Assert.Equal(0, org.Emulator.Org.PortalUserCount);
    }
}
