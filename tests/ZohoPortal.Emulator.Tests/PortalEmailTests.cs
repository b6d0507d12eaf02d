namespace ZohoPortal.Emulator.Tests;

/// <summary>
/// An invitation is refused while another portal user has the same email (any case); the org
/// keeps an index of portal users' emails, so it must follow additions and removals.
/// </summary>
public sealed class PortalEmailTests
{
    [Fact]
    public async Task AnEmailIsTakenWhileItsPortalUserExists_AndFreeOnceTheUserIsDeleted()
    {
        using var api = new EmulatorApi(new EmulatorSeed { UsersPerUserType = 0 });
        var a = api.Emulator.Org.AddRecord("Ann Able", "shared@example.com");
        var b = api.Emulator.Org.AddRecord("Bea Baker", "SHARED@example.com");
        var types = (await api.SendAsync(HttpMethod.Get, "settings/portals/ZylkerAutos/user_type")).Body!["user_type"]!.AsArray();
        var customers = types.Single(t => t!["name"]!.GetValue<string>() == "Customers")!["id"]!.GetValue<string>();
        async Task<string> InviteAsync(string id)
        {
            var (_, body) = await api.SendAsync(HttpMethod.Post, "Contacts/" + id + "/actions/portal_invite?user_type_id=" + customers + "&type=invite");
            return EmulatorApi.Error(body!, "portal_invite")["code"]!.GetValue<string>();
        }

        Assert.Equal("SUCCESS", await InviteAsync(a.Id));
        Assert.Equal("DUPLICATE_DATA", await InviteAsync(b.Id));

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, "settings/portals/ZylkerAutos/user_type/" + customers + "/users?personality_ids=" + a.Id);
        Assert.Equal(System.Net.HttpStatusCode.OK, deleted);

        Assert.Equal("SUCCESS", await InviteAsync(b.Id));
    }
}
