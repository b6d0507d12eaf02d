using System.Net;
using System.Text.Json.Nodes;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;
using static ZohoPortal.Core.Tests.UserTypeSeedTests;

namespace ZohoPortal.Core.Tests;

/// <summary>
/// User types through the client and the emulator together (zoho-api.md "User types"): the client's
/// checks before sending, and Zoho's refusals as the client reports them. The emulator's rules on
/// raw bodies are tested on their own in tests/ZohoPortal.Emulator.Tests/UserTypeRuleTests.cs.
/// </summary>
public sealed class UserTypeRuleTests
{
    private const string Portal = Seed002.Portal;

    private static UserTypeModule Notes() => new() { ApiName = "Notes", Permissions = new UserTypePermissions { View = true } };

    private static UserTypeModule Contacts() => new()
    {
        ApiName = "Contacts",
        Permissions = new UserTypePermissions { View = true },
        Layouts = new List<UserTypeLayout> { new() { Name = "Standard" } },
        Views = new UserTypeView { Name = "All Contacts" },
    };

    private static PortalUserTypeInput ContactsType(string name) => new()
    {
        Name = name,
        PersonalityModule = "Contacts",
        Active = true,
        Modules = new List<UserTypeModule> { Contacts(), Notes() },
    };

    [Fact]
    public async Task Create_SixthUserType_IsLicenseLimitExceeded()
    {
        using var org = new EmulatedOrg();
        for (var i = 3; i <= 5; i++) await org.Client.CreateUserTypeAsync(Portal, ContactsType("Type " + i));
        Assert.Equal(5, org.Emulator.Org.UserTypeCount);

        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.CreateUserTypeAsync(Portal, ContactsType("Type 6")));

        Assert.Equal("LICENSE_LIMIT_EXCEEDED", e.Code);
        Assert.Equal("License limit exceeded.", e.ZohoMessage);
        Assert.Equal(400, e.HttpStatus);
        Assert.Equal(5, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task Create_WithoutNotes_IsMandatoryNotFound_NamingTheModulesArray()
    {
        using var org = new EmulatedOrg();
        var input = ContactsType("No Notes");
        input.Modules!.RemoveAt(1);

        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.CreateUserTypeAsync(Portal, input));

        Assert.Equal("MANDATORY_NOT_FOUND", e.Code);
        Assert.Equal("Personality module and Notes module are mandatory modules.", e.ZohoMessage);
        Assert.Equal("$.user_type[0].modules", e.Details["json_path"]);
        Assert.Equal("modules", e.Details["api_name"]);
        Assert.Contains("json_path=$.user_type[0].modules", e.Message);
        Assert.Equal(2, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task Create_ByNames_ResolvesIdsWithOnePortalMetaCall()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        var input = ContactsType("Dealers");
        input.Modules!.Add(new UserTypeModule
        {
            ApiName = "Services",
            Permissions = new UserTypePermissions { View = true, Create = true },
            Layouts = new List<UserTypeLayout> { new() { Name = "Test Drive" } },
            Views = new UserTypeView { Name = "Upcoming Services" },
            Filters = new List<UserTypeFilter> { new() { ApiName = "Contact_Name" } },
            Fields = new List<UserTypeField> { new("Status") { ReadOnly = true } },
        });

        var created = await org.Client.CreateUserTypeAsync(Portal, input);

        Assert.Equal(1, org.Emulator.RequestLog.CountOf("GET", "/settings/portals/meta"));
        var sent = wire.Last("POST", "/user_type").RequestJson!["user_type"]![0]!["modules"]!.AsArray();
        var services = sent.Single(m => (string?)m!["id"] == "1306462000000000131")!;
        Assert.Equal("private", (string?)services["shared_type"]);
        Assert.Equal("1306462000000095073", (string?)services["layouts"]![0]!["id"]);
        Assert.Equal("1306462000000091523", (string?)services["views"]!["id"]);
        Assert.Equal("custom_view", (string?)services["views"]!["type"]);
        Assert.Equal("1306462000000095209", (string?)services["filters"]![0]!["id"]);
        Assert.Equal("Status", (string?)services["fields"]![0]!["api_name"]);
        // The caller's objects are not changed by the lookup.
        Assert.Null(input.Modules[2].Id);

        var stored = created.Modules!.Single(m => m.ApiName == "Services");
        Assert.Equal("Contact_Name", Assert.Single(stored.Filters!).ApiName);
        Assert.True(Assert.Single(stored.Fields!).ReadOnly);
        Assert.Equal(new[] { UserTypePermission.View, UserTypePermission.Create }, stored.Permissions!.Granted);
    }

    [Fact]
    public async Task Create_UnknownLayoutName_FailsBeforeThePost_ListingTheLayouts()
    {
        using var org = new EmulatedOrg();
        var input = ContactsType("Dealers");
        input.Modules![0].Layouts = new List<UserTypeLayout> { new() { Name = "Fancy" } };

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.CreateUserTypeAsync(Portal, input));

        Assert.Equal("UnknownLayout", e.ErrorId);
        Assert.Contains("Standard", e.Message);
        Assert.Equal(0, org.Emulator.RequestLog.CountOf("POST", "/user_type"));
    }

    [Fact]
    public async Task Create_ModuleNotRelatedToThePersonality_FailsBeforeThePost()
    {
        using var org = new EmulatedOrg();
        var input = ContactsType("Dealers");
        input.PersonalityModule = "Customer";
        input.Modules![0].ApiName = "Cases"; // Cases links to Contacts only

        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.CreateUserTypeAsync(Portal, input));

        Assert.Equal("UnknownUserTypeModule", e.ErrorId);
        Assert.Contains("Services", e.Message);
        Assert.Equal(0, org.Emulator.RequestLog.CountOf("POST", "/user_type"));
    }

    [Theory]
    [InlineData("", "UserTypeNameEmpty")]
    [InlineData("Bad-Name!", "UserTypeNamePattern")]
    [InlineData("A123456789B123456789C123456789D123456789E1234567890", "UserTypeNameLength")]
    public async Task Create_BadName_FailsBeforeAnyRequest(string name, string errorId)
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.CreateUserTypeAsync(Portal, ContactsType(name)));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Create_ViewFalse_FailsBeforeAnyRequest()
    {
        using var org = new EmulatedOrg();
        var input = ContactsType("Dealers");
        input.Modules![1].Permissions!.View = false;
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() => org.Client.CreateUserTypeAsync(Portal, input));
        Assert.Equal("ViewPermissionRequired", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Create_WithoutViewGiven_GrantsView()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        var input = ContactsType("Dealers");
        input.Modules![1].Permissions = new UserTypePermissions { Create = true };
        await org.Client.CreateUserTypeAsync(Portal, input);
        var notes = wire.Last("POST", "/user_type").RequestJson!["user_type"]![0]!["modules"]![1]!;
        Assert.True((bool)notes["permissions"]!["view"]!);
        Assert.True((bool)notes["permissions"]!["create"]!);
    }

    [Fact]
    public async Task Create_PublicModule_NeedsNoLayouts()
    {
        using var org = new EmulatedOrg();
        var input = ContactsType("Readers");
        input.Modules!.Add(new UserTypeModule { ApiName = "Solutions", Views = new UserTypeView { Name = "All Solutions" } });
        var created = await org.Client.CreateUserTypeAsync(Portal, input);
        var solutions = created.Modules!.Single(m => m.ApiName == "Solutions");
        Assert.Equal("public", solutions.SharedType);
        Assert.Null(solutions.Layouts);
    }

    [Fact]
    public async Task Create_ServerAnswering201WithTheFullObject_IsAcceptedWithoutAnotherCall()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        wire.Override = (request, body) => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/user_type")
            ? CapturingHandler.Json(HttpStatusCode.Created, """
                {"user_type":[{"id":"5020928000000606001","name":"Dealers","default":false,"active":true,
                  "personality_module":{"plural_label":"Contacts","api_name":"Contacts","id":"1306462000000000081"},
                  "active_user_count":0,"deactive_user_count":0,"invitation_field":{"api_name":"Email","id":"1306462000000000563"},
                  "modules":[{"id":"1306462000000000147","api_name":"Notes","shared_type":"private","permissions":{"view":true}}]}]}
                """)
            : null;

        var created = await org.Client.CreateUserTypeAsync(Portal, ContactsType("Dealers"));

        Assert.Equal("5020928000000606001", created.Id);
        Assert.Equal(0, created.UserCount);
        Assert.Equal("Email", created.InvitationFieldInfo?.ApiName);
        Assert.Equal("Email", created.InvitationField);
        Assert.Equal(Portal, created.PortalName);
        Assert.DoesNotContain(wire.Exchanges, x => x.Method == "GET" && x.Path.EndsWith("/5020928000000606001"));
    }

    [Fact]
    public async Task Update_PersonalityOfTheDefaultType_IsNotAllowed()
    {
        using var org = new EmulatedOrg();
        var defaultType = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Default);
        var e = await Assert.ThrowsAsync<ZohoApiException>(() =>
            org.Client.UpdateUserTypeAsync(Portal, defaultType.Id, new PortalUserTypeInput { PersonalityModule = "Customer" }));
        Assert.Equal("NOT_ALLOWED", e.Code);
        Assert.Equal("Change of personality module of default user type is not allowed.", e.ZohoMessage);
        Assert.Equal("$.user_type[0].personality_module", e.Details["json_path"]);
    }

    [Fact]
    public async Task Update_RenameActivateAndChangeFields_KeepsTheRest()
    {
        var (org, wire) = NewOrg();
        using var _ = org;
        var type = await org.Client.CreateUserTypeAsync(Portal, SeedCustomerInput());

        await org.Client.UpdateUserTypeAsync(Portal, type.Id, new PortalUserTypeInput
        {
            Name = "Premium Customer",
            Active = false,
            Modules = new List<UserTypeModule>
            {
                new()
                {
                    ApiName = "Customer",
                    Fields = new List<UserTypeField> { new(Seed002.FieldId) { Delete = true }, new("Vehicle") { ReadOnly = true } },
                },
            },
        });

        var sent = wire.Last("PUT", "/user_type/").RequestJson!["user_type"]![0]!;
        Assert.Equal("""[{"id":"18936550000000063924","_delete":true,"read_only":false},{"api_name":"Vehicle","read_only":true}]""",
            sent["modules"]![0]!["fields"]!.ToJsonString());
        Assert.Null(sent["modules"]![0]!["layouts"]); // not sent: left as it is
        var after = (await org.Client.GetUserTypeAsync(Portal, type.Id))!;
        Assert.Equal("Premium Customer", after.Name);
        Assert.False(after.Active);
        var customer = after.Modules!.Single(m => m.ApiName == "Customer");
        var field = Assert.Single(customer.Fields!);
        Assert.Equal(("Vehicle", true), (field.ApiName, field.ReadOnly));
        Assert.Equal(Seed002.LayoutId, Assert.Single(customer.Layouts!).Id);
    }

    [Fact]
    public async Task Update_AddAndRemoveARelatedModule()
    {
        using var org = new EmulatedOrg();
        var type = await org.Client.CreateUserTypeAsync(Portal, SeedCustomerInput());

        await org.Client.UpdateUserTypeAsync(Portal, type.Id, new PortalUserTypeInput
        {
            Modules = new List<UserTypeModule>
            {
                new() { ApiName = "Services", Permissions = new UserTypePermissions { View = true }, Layouts = new() { new() { Name = "Standard" } }, Views = new() { Name = "All Services" } },
            },
        });
        Assert.Contains((await org.Client.GetUserTypeAsync(Portal, type.Id))!.Modules!, m => m.ApiName == "Services");

        await org.Client.UpdateUserTypeAsync(Portal, type.Id, new PortalUserTypeInput
        {
            Modules = new List<UserTypeModule> { new() { ApiName = "Services", Delete = true } },
        }, personalityModule: "Customer");
        Assert.DoesNotContain((await org.Client.GetUserTypeAsync(Portal, type.Id))!.Modules!, m => m.ApiName == "Services");
    }

    [Fact]
    public async Task Update_RemovingNotes_IsCannotRemove_AndChangesNothing()
    {
        using var org = new EmulatedOrg();
        var type = await org.Client.CreateUserTypeAsync(Portal, SeedCustomerInput());
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.UpdateUserTypeAsync(Portal, type.Id, new PortalUserTypeInput
        {
            Name = "Renamed",
            Modules = new List<UserTypeModule> { new() { Id = Seed002.NotesModuleId, Delete = true } },
        }));
        Assert.Equal("CANNOT_REMOVE", e.Code);
        Assert.Equal("$.user_type[0].modules[0].id", e.Details["json_path"]);
        // Checked before changing anything: the rename in the same request did not happen.
        Assert.Equal("Customer", (await org.Client.GetUserTypeAsync(Portal, type.Id))!.Name);
    }

    [Fact]
    public async Task Update_RenameToAnotherTypesName_IsDuplicateData()
    {
        using var org = new EmulatedOrg();
        var type = await org.Client.CreateUserTypeAsync(Portal, SeedCustomerInput());
        var e = await Assert.ThrowsAsync<ZohoApiException>(() =>
            org.Client.UpdateUserTypeAsync(Portal, type.Id, new PortalUserTypeInput { Name = "PARTNERS" }));
        Assert.Equal("DUPLICATE_DATA", e.Code);
        Assert.Equal("$.user_type[0].name", e.Details["json_path"]);
    }

    [Fact]
    public async Task Update_Nothing_FailsBeforeAnyRequest()
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() =>
            org.Client.UpdateUserTypeAsync(Portal, "1306462000010000001", new PortalUserTypeInput()));
        Assert.Equal("NothingToUpdate", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Delete_TypeWithUsers_IsTheDocumented400NamingTransferTo()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 3 });
        var partners = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Partners");

        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.DeleteUserTypeAsync(Portal, partners.Id));

        Assert.Equal(400, e.HttpStatus);
        Assert.Equal("INVALID_DATA", e.Code);
        Assert.Equal("transfer_To", e.Details["param_name"]);
        Assert.Equal("Deletion of portal user type is not allowed, as user type contains users, which need to be transferred to other user type", e.ZohoMessage);
        Assert.Equal(2, org.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task Delete_WithTransferTo_OnV8_MovesTheUsersAndDeletes()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 3 });
        var types = await org.Client.GetUserTypesAsync(Portal);
        var partners = types.Single(t => t.Name == "Partners");
        var customers = types.Single(t => t.Default);

        await org.Client.DeleteUserTypeAsync(Portal, partners.Id, transferTo: customers.Id);

        Assert.Contains("transfer_To=" + customers.Id, org.Emulator.RequestLog.Entries.Last().Query);
        var after = Assert.Single(await org.Client.GetUserTypesAsync(Portal));
        Assert.Equal(6, after.UserCount);
    }

    [Fact]
    public async Task Delete_WithTransferTo_BelowV8_FailsBeforeAnyRequest()
    {
        var (org, _) = NewOrg(apiVersion: "v7");
        using var __ = org;
        var e = await Assert.ThrowsAsync<ZohoValidationException>(() =>
            org.Client.DeleteUserTypeAsync(Portal, "1306462000010000002", transferTo: "1306462000010000001"));
        Assert.Equal("TransferToNeedsV8", e.ErrorId);
        Assert.Equal(0, org.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task Delete_TheDefaultType_IsNotAllowed()
    {
        using var org = new EmulatedOrg(new EmulatorSeed { UsersPerUserType = 0 });
        var defaultType = (await org.Client.GetUserTypesAsync(Portal)).Single(t => t.Default);
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.DeleteUserTypeAsync(Portal, defaultType.Id));
        Assert.Equal("NOT_ALLOWED", e.Code);
    }

    [Fact]
    public async Task GetUserType_UnknownId_IsNull()
    {
        using var org = new EmulatedOrg();
        Assert.Null(await org.Client.GetUserTypeAsync(Portal, "1306462000099999999"));
        Assert.Equal(204, org.Emulator.RequestLog.Entries.Last().Status);
    }

    [Fact]
    public async Task GetUserTypes_IncludeModules_AddsModules()
    {
        using var org = new EmulatedOrg();
        Assert.All(await org.Client.GetUserTypesAsync(Portal), t => Assert.Null(t.Modules));
        var withModules = await org.Client.GetUserTypesAsync(Portal, includeModules: true);
        Assert.All(withModules, t => Assert.Contains(t.Modules!, m => m.ApiName == "Notes"));
        Assert.Contains("include=modules", org.Emulator.RequestLog.Entries.Last().Query);
    }

    [Fact]
    public async Task PortalMeta_ListsThePersonalityModule_RelatedModules_AndNotes()
    {
        using var org = new EmulatedOrg();

        var meta = await org.Client.GetPortalMetaAsync("Contacts");

        Assert.Equal(new[] { "Contacts", "Cases", "Services", "Solutions", "Notes" }, meta.Select(m => m.ApiName));
        Assert.True(meta[0].IsPersonalityModule);
        var services = meta.Single(m => m.ApiName == "Services");
        Assert.Equal(new[] { "Standard", "Test Drive" }, services.Layouts.Select(l => l.Name));
        Assert.Equal("custom_view", services.Views[0].Type);
        // Only the lookup to Contacts can filter a Contacts user type's services.
        Assert.Equal("Contact_Name", Assert.Single(services.Filters).ApiName);
        Assert.Equal("public", meta.Single(m => m.ApiName == "Solutions").SharedType);
        Assert.Contains("module=Contacts", org.Emulator.RequestLog.Entries.Last().Query);
    }

    [Fact]
    public async Task PortalMeta_ModuleThatCannotBePersonality_IsInvalidModule()
    {
        using var org = new EmulatedOrg();
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.GetPortalMetaAsync("Notes"));
        Assert.Equal("INVALID_MODULE", e.Code);
    }
}
