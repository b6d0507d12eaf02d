using System.Text.Json.Nodes;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>Seed 002's create, update and delete, through the real client and the emulator.</summary>
public sealed class UserTypeSeedTests
{
    internal static (EmulatedOrg Org, CapturingHandler Wire) NewOrg(EmulatorSeed? seed = null, string apiVersion = "v8")
    {
        CapturingHandler? wire = null;
        var org = new EmulatedOrg(seed, configureClient: o =>
        {
            wire = new CapturingHandler(o.Transport!);
            o.Transport = wire;
            o.ApiVersion = apiVersion;
        });
        return (org, wire!);
    }

    /// <summary>The seed's Customer type, built from typed models with the seed's ids.</summary>
    internal static PortalUserTypeInput SeedCustomerInput() => new()
    {
        Name = "Customer",
        PersonalityModule = "Customer",
        Active = true,
        Modules = new List<UserTypeModule>
        {
            new()
            {
                Id = Seed002.CustomerModuleId,
                SharedType = "private",
                Permissions = new UserTypePermissions { View = true },
                Layouts = new List<UserTypeLayout> { new() { Id = Seed002.LayoutId } },
                Views = new UserTypeView { Id = Seed002.ViewId, Type = "custom_view" },
                Fields = new List<UserTypeField> { new(Seed002.FieldId) },
            },
            new()
            {
                Id = Seed002.NotesModuleId,
                SharedType = "private",
                Permissions = new UserTypePermissions { View = true },
            },
        },
    };

    internal static JsonNode Shape(string json) => Seed002.Shape(json);

    [Fact]
    public async Task Create_SendsTheSeedBody_AnswersTheSeedShape_AndReturnsTheType()
    {
        var (org, wire) = NewOrg();
        using var _ = org;

        var created = await org.Client.CreateUserTypeAsync(Seed002.Portal, SeedCustomerInput());

        var post = wire.Last("POST", "/user_type");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Seed002.CreateInput), post.RequestJson), "Sent: " + post.RequestBody);
        Assert.Equal(200, post.Status);
        Assert.True(JsonNode.DeepEquals(Shape(Seed002.CreateResponse), Shape(post.ResponseBody)), "Answered: " + post.ResponseBody);
        // Every id was given, so no portal-meta lookup was needed.
        Assert.Equal(0, org.Emulator.RequestLog.CountOf("GET", "/settings/portals/meta"));

        // The created type is fetched after the DOC-shaped answer (zoho-api.md "User types").
        Assert.Equal(post.ResponseJson!["user_type"]![0]!["details"]!["id"]!.GetValue<string>(), created.Id);
        Assert.Equal("Customer", created.Name);
        Assert.True(created.Active);
        Assert.False(created.Default);
        Assert.Equal("Customer", created.PersonalityModule);
        Assert.Equal(Seed002.Portal, created.PortalName);
        Assert.Equal(0, created.UserCount);
        var customer = Assert.Single(created.Modules!, m => m.Id == Seed002.CustomerModuleId);
        Assert.True(customer.Permissions!.View);
        Assert.False(customer.Permissions.Edit);
        Assert.Equal("Standard", Assert.Single(customer.Layouts!).Name);
        Assert.Equal("All Customers", customer.Views!.Name);
        var field = Assert.Single(customer.Fields!);
        Assert.Equal(("Service_Date", false), (field.ApiName, field.ReadOnly));
        Assert.Contains(created.Modules!, m => m.ApiName == "Notes");
        Assert.Equal(3, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task Update_SendsTheSeedBody_AndGrantsEditAndCreate()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        var created = await org.Client.CreateUserTypeAsync(Seed002.Portal, SeedCustomerInput());

        var result = await org.Client.UpdateUserTypeAsync(Seed002.Portal, created.Id, new PortalUserTypeInput
        {
            Modules = new List<UserTypeModule>
            {
                new() { Id = Seed002.CustomerModuleId, SharedType = "private", Permissions = new UserTypePermissions { Edit = true, Create = true } },
            },
        });

        var put = wire.Last("PUT", "/user_type/" + created.Id);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Seed002.UpdateInput), put.RequestJson), "Sent: " + put.RequestBody);
        Assert.True(JsonNode.DeepEquals(Shape(Seed002.UpdateResponse), Shape(put.ResponseBody)), "Answered: " + put.ResponseBody);
        Assert.Equal("Portal user type updated successfully.", result.Message);
        Assert.Equal(created.Id, result.GetDetail("id"));

        var after = await org.Client.GetUserTypeAsync(Seed002.Portal, created.Id);
        var customer = after!.Modules!.Single(m => m.Id == Seed002.CustomerModuleId);
        Assert.Equal(new[] { UserTypePermission.View, UserTypePermission.Edit, UserTypePermission.Create }, customer.Permissions!.Granted);
        // A partial update keeps what it did not mention.
        Assert.Equal(Seed002.LayoutId, Assert.Single(customer.Layouts!).Id);
        Assert.Equal(Seed002.RealisticFieldId, Assert.Single(customer.Fields!).Id);
    }

    [Fact]
    public async Task Delete_AnswersTheSeedShape_WithTheIdAsANumber()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        var created = await org.Client.CreateUserTypeAsync(Seed002.Portal, SeedCustomerInput());

        var result = await org.Client.DeleteUserTypeAsync(Seed002.Portal, created.Id);

        var delete = wire.Last("DELETE", "/user_type/" + created.Id);
        Assert.True(JsonNode.DeepEquals(Shape(Seed002.DeleteResponse), Shape(delete.ResponseBody)), "Answered: " + delete.ResponseBody);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, delete.ResponseJson!["user_type"]![0]!["details"]!["id"]!.GetValueKind());
        Assert.Equal(created.Id, result.GetDetail("id"));
        Assert.Equal("Portal user type deleted successfully.", result.Message);
        Assert.Null(await org.Client.GetUserTypeAsync(Seed002.Portal, created.Id));
        Assert.Equal(2, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task SeedSampleBody_SentVerbatim_IsAcceptedByTheEmulator()
    {
        var (org, _) = NewOrg();
        using var __ = org;
        var answer = await org.Client.Http.SendAsync(
            new Http.ZohoRequest(HttpMethod.Post, "/settings/portals/ZylkerAutos/user_type") { JsonBody = Seed002.CreateInput }, r => r.Body, default);
        Assert.True(JsonNode.DeepEquals(Shape(Seed002.CreateResponse), Shape(answer)), answer);
    }
}
