using System.Text.Json.Nodes;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

/// <summary>Export, plan and apply of a portal's user types against emulated orgs (the real HTTP pipeline).</summary>
public sealed class PortalConfigurationTests
{
    private const string Portal = "ZylkerAutos";

    /// <summary>Org A: the demo org plus two richer types (filters, field permissions, an invitation field, a custom personality module).</summary>
    internal static async Task<EmulatedOrg> OrgAAsync()
    {
        var org = new EmulatedOrg();
        await org.Client.CreateUserTypeAsync(Portal, new PortalUserTypeInput
        {
            Name = "Premium",
            PersonalityModule = "Contacts",
            Active = true,
            InvitationField = "Email",
            Modules = new List<UserTypeModule>
            {
                new() { ApiName = "Contacts", Permissions = new UserTypePermissions { View = true, Edit = true }, Layouts = new() { new() { Name = "Standard" } },
                    Views = new() { Name = "All Contacts" }, Filters = new() { new() { ApiName = "Account_Name" } },
                    Fields = new() { new() { ApiName = "Email", ReadOnly = true }, new() { ApiName = "Phone", ReadOnly = false } } },
                new() { ApiName = "Cases", Permissions = new UserTypePermissions { View = true, Create = true }, Layouts = new() { new() { Name = "Standard" } },
                    Views = new() { Name = "All Cases" }, Filters = new() { new() { ApiName = "Contact_Name" } } },
                new() { ApiName = "Solutions", Permissions = new UserTypePermissions { View = true }, Views = new() { Name = "All Solutions" } },
                new() { ApiName = "Notes", Permissions = new UserTypePermissions { View = true, Create = true } },
            },
        });
        await org.Client.CreateUserTypeAsync(Portal, new PortalUserTypeInput
        {
            Name = "Vehicle Owners",
            PersonalityModule = "Customer",
            Modules = new List<UserTypeModule>
            {
                new() { ApiName = "Customer", Permissions = new UserTypePermissions { View = true }, Layouts = new() { new() { Name = "Standard" } },
                    Views = new() { Name = "All Customers" }, Fields = new() { new() { ApiName = "Service_Date", ReadOnly = true } } },
                new() { ApiName = "Services", Permissions = new UserTypePermissions { View = true, Create = true },
                    Layouts = new() { new() { Name = "Standard" }, new() { Name = "Test Drive" } }, Views = new() { Name = "Upcoming Services" },
                    Filters = new() { new() { ApiName = "Customer" } } },
                new() { ApiName = "Notes", Permissions = new UserTypePermissions { View = true } },
            },
        });
        return org;
    }

    /// <summary>Org B: the same CRM modules, layouts and fields under other ids, and only the portal's default user type.</summary>
    internal static EmulatedOrg OrgB() => new(new EmulatorSeed { IdPrefix = "2206319", CustomUserTypes = false, UsersPerUserType = 0 });

    private static string WithoutIds(string file)
    {
        var node = JsonNode.Parse(file)!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("id");
                foreach (var pair in o.ToList()) Strip(pair.Value);
            }
            else if (n is JsonArray a)
            {
                foreach (var item in a) Strip(item);
            }
        }
    }

    private static List<string> Changes(EmulatedOrg org) =>
        org.Emulator.RequestLog.Entries.Where(e => e.Method != "GET" && !e.Path.StartsWith("/oauth")).Select(e => e.Method + " " + e.Path).ToList();

    [Fact]
    public async Task RoundTrip_ExportAImportIntoEmptyB_ExportOfBEqualsAApartFromIds()
    {
        using var a = await OrgAAsync();
        using var b = OrgB();
        var fileA = PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal));

        var plan = await b.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(fileA, "a.json"));
        Assert.Equal(new[] { "Create Partners", "Create Premium", "Create Vehicle Owners", "Unchanged Customers" },
            plan.Steps.Select(s => s.Action + " " + s.UserTypeName));
        var results = await b.Client.ApplyConfigurationAsync(plan, null);
        Assert.All(results, r => Assert.True(r.Outcome is PortalConfigurationOutcome.Succeeded or PortalConfigurationOutcome.Unchanged, r + " " + r.Message));

        var fileB = PortalConfigurationFile.Write(await b.Client.ExportConfigurationAsync(Portal));
        Assert.NotEqual(fileA, fileB); // the ids differ...
        Assert.Contains("\"2206319", fileB);
        Assert.Equal(WithoutIds(fileA), WithoutIds(fileB)); // ...and nothing else
        Assert.Contains("\"Service_Date\"", fileB);
        Assert.Contains("\"Account_Name\"", fileB);

        // Applied again, the same file plans nothing.
        var again = await b.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(fileA, "a.json"));
        Assert.All(again.Steps, s => Assert.Equal(PortalConfigurationAction.Unchanged, s.Action));
    }

    /// <summary>One permission added, one type renamed, one removed with a transfer target.</summary>
    internal static string EditedFile(string exported)
    {
        var root = JsonNode.Parse(exported)!.AsObject();
        var types = root["userTypes"]!.AsArray();
        var customers = types.Single(t => (string?)t!["name"] == "Customers")!;
        customers["modules"]!.AsArray().Single(m => (string?)m!["apiName"] == "Contacts")!["permissions"]!["create"] = true;
        types.Single(t => (string?)t!["name"] == "Premium")!["name"] = "Premium Plus";
        var partners = types.Single(t => (string?)t!["name"] == "Partners")!;
        types.Remove(partners);
        root["removed"] = new JsonArray { new JsonObject { ["name"] = "Partners", ["transferTo"] = "Customers" } };
        return root.ToJsonString();
    }

    [Fact]
    public async Task ChangedFile_PlansExactlyThreeSteps_AndAppliesExactlyThoseChangesInSafeOrder()
    {
        using var a = await OrgAAsync();
        var ids = await a.UserTypeIdsAsync();
        var premiumId = (await a.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Premium").Id;
        var edited = EditedFile(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)));

        var plan = await a.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(edited, "edited.json"));
        var changing = plan.Steps.Where(s => s.Action != PortalConfigurationAction.Unchanged).ToList();
        Assert.Equal(new[] { "Update Customers", "Update Premium Plus", "Delete Partners" }, changing.Select(s => s.Action + " " + s.UserTypeName));
        Assert.Equal("Modules[Contacts].Permissions.Create: False -> True", Assert.Single(changing[0].Changes).ToString());
        Assert.Equal("Name: Premium -> Premium Plus", Assert.Single(changing[1].Changes).ToString());
        Assert.Equal(premiumId, changing[1].UserTypeId); // matched by id: a rename, not a new type
        Assert.Equal("Customers", changing[2].TransferTo);
        Assert.Equal(25, changing[2].UserCount);
        Assert.Equal(new[] { "Vehicle Owners" }, plan.Steps.Where(s => s.Action == PortalConfigurationAction.Unchanged).Select(s => s.UserTypeName));

        a.Emulator.RequestLog.Clear();
        var results = await a.Client.ApplyConfigurationAsync(plan, null);
        Assert.All(results, r => Assert.NotEqual(PortalConfigurationOutcome.Failed, r.Outcome));
        Assert.Equal(25, results.Single(r => r.Action == PortalConfigurationAction.Delete).UsersMoved);
        var root = "/crm/v8/settings/portals/" + Portal + "/user_type/";
        Assert.Equal(new[]
        {
            "PUT " + root + ids.Customers,
            "PUT " + root + premiumId,
            "POST " + root + ids.Partners + "/users/action/transfer",
            "DELETE " + root + ids.Partners,
        }, Changes(a));

        // The org now is the edited file (the removed list aside), ids and all.
        var after = PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal));
        var expected = PortalConfigurationFile.Read(edited, "edited.json");
        expected.Removed = null;
        Assert.Equal(PortalConfigurationFile.Write(expected), after);
        Assert.Equal(50, (await a.Client.GetUserTypesAsync(Portal)).Single(t => t.Default).UserCount);
    }

    [Fact]
    public async Task FileNamingWhatTheTargetLacks_IsRefusedBeforeAnyChange_ListingEveryMissingName()
    {
        using var a = await OrgAAsync();
        using var b = OrgB();
        var root = JsonNode.Parse(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)))!.AsObject();
        var premium = root["userTypes"]!.AsArray().Single(t => (string?)t!["name"] == "Premium")!;
        premium["modules"]!.AsArray().Add(new JsonObject { ["apiName"] = "Invoices", ["permissions"] = new JsonObject { ["view"] = true } });
        var contacts = premium["modules"]!.AsArray().Single(m => (string?)m!["apiName"] == "Contacts")!;
        contacts["layouts"]!.AsArray().Add(new JsonObject { ["name"] = "Wholesale" });
        contacts["fields"]!.AsArray().Add(new JsonObject { ["apiName"] = "Loyalty_Tier", ["readOnly"] = true });
        var file = PortalConfigurationFile.Read(root.ToJsonString(), "bad.json");

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => b.Client.PlanConfigurationAsync(Portal, file));
        Assert.Equal("ConfigurationNamesNotInTarget", error.ErrorId);
        Assert.Equal(PortalConfigurationErrorKind.NotInTarget, error.Kind);
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("module Invoices"));
        Assert.Contains(error.Problems, p => p.StartsWith("layout 'Wholesale' of Contacts"));
        Assert.Contains(error.Problems, p => p.StartsWith("field Contacts.Loyalty_Tier"));
        Assert.Empty(Changes(b));
        Assert.Equal(1, b.Emulator.Org.UserTypeCount);
    }

    [Fact]
    public async Task DeletingATypeWithUsers_WithoutTransferTarget_IsRefusedBeforeAnyChange()
    {
        using var a = await OrgAAsync();
        var root = JsonNode.Parse(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)))!.AsObject();
        var types = root["userTypes"]!.AsArray();
        types.Remove(types.Single(t => (string?)t!["name"] == "Partners"));
        types.Single(t => (string?)t!["name"] == "Premium")!["active"] = false;
        var file = PortalConfigurationFile.Read(root.ToJsonString(), "f.json");
        a.Emulator.RequestLog.Clear();

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => a.Client.PlanConfigurationAsync(Portal, file));
        Assert.Equal("ConfigurationCannotApply", error.ErrorId);
        Assert.Contains("'Partners' is not in the file and has 25 users", Assert.Single(error.Problems));
        Assert.Empty(Changes(a));

        // A transfer target given as a parameter serves every delete that names none.
        var plan = await a.Client.PlanConfigurationAsync(Portal, file, defaultTransferTo: "Premium");
        Assert.Equal("Premium", plan.Steps.Single(s => s.Action == PortalConfigurationAction.Delete).TransferTo);
    }

    [Fact]
    public async Task CreateWhoseAnswerIsLost_IsReadBack_AndConfirmedOnlyByTheRead()
    {
        using var a = await OrgAAsync();
        using var b = OrgB();
        var file = PortalConfigurationFile.Read(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)), "a.json");
        var plan = await b.Client.PlanConfigurationAsync(Portal, file);

        // Partners' create acts, then its answer is lost; Premium's create fails before acting.
        b.Emulator.Faults.Add(new EmulatorFault(FaultKind.ConnectionReset) { Method = "POST", PathContains = "/user_type", AfterActing = true });
        var results = await b.Client.ApplyConfigurationAsync(plan, plan.Steps.Where(s => s.UserTypeName == "Partners"));
        var partners = Assert.Single(results);
        Assert.Equal(PortalConfigurationOutcome.Succeeded, partners.Outcome);
        Assert.Contains("reading the user types showed", partners.Message);
        Assert.Equal((await b.Client.GetUserTypesAsync(Portal)).Single(t => t.Name == "Partners").Id, partners.UserTypeId);

        b.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError) { Method = "POST", PathContains = "/user_type" });
        b.Emulator.RequestLog.Clear();
        var premium = Assert.Single(await b.Client.ApplyConfigurationAsync(plan, plan.Steps.Where(s => s.UserTypeName == "Premium")));
        Assert.Equal(PortalConfigurationOutcome.OutcomeUnknown, premium.Outcome);
        Assert.DoesNotContain(await b.Client.GetUserTypesAsync(Portal), t => t.Name == "Premium");
        Assert.Equal(1, b.Emulator.RequestLog.CountOf("POST", "/settings/portals/ZylkerAutos/user_type")); // sent once, never again
    }

    [Fact]
    public async Task UpdatesAndDeleteWhoseAnswersAreLost_AreConfirmedByReadingTheUserTypes_AndSentOnce()
    {
        using var a = await OrgAAsync();
        var edited = EditedFile(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)));
        var plan = await a.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(edited, "edited.json"));
        a.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError, count: 2) { Method = "PUT", PathContains = "/user_type/", AfterActing = true });
        a.Emulator.Faults.Add(new EmulatorFault(FaultKind.ConnectionReset) { Method = "DELETE", PathContains = "/user_type/", AfterActing = true });
        a.Emulator.RequestLog.Clear();

        var results = await a.Client.ApplyConfigurationAsync(plan, null);
        Assert.All(results.Where(r => r.Action != PortalConfigurationAction.Unchanged), r =>
        {
            Assert.Equal(PortalConfigurationOutcome.Succeeded, r.Outcome);
            Assert.Contains("reading the user types showed", r.Message);
        });
        Assert.Equal(2, a.Emulator.RequestLog.CountOf("PUT", "/user_type/"));
        Assert.Equal(1, a.Emulator.RequestLog.CountOf("DELETE", "/user_type/"));
        var expected = PortalConfigurationFile.Read(edited, "edited.json");
        expected.Removed = null;
        Assert.Equal(PortalConfigurationFile.Write(expected), PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)));
    }

    [Fact]
    public async Task UpdateWhoseAnswerIsLostBeforeActing_IsOutcomeUnknown_NeverAGuess()
    {
        using var a = await OrgAAsync();
        var edited = EditedFile(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)));
        var plan = await a.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(edited, "edited.json"));
        a.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError) { Method = "PUT", PathContains = "/user_type/" });

        var result = Assert.Single(await a.Client.ApplyConfigurationAsync(plan, plan.Steps.Where(s => s.UserTypeName == "Customers")));
        Assert.Equal(PortalConfigurationOutcome.OutcomeUnknown, result.Outcome);
        Assert.IsType<ZohoPortal.Core.Errors.ZohoOutcomeUnknownException>(result.Error);
    }

    [Fact]
    public async Task FailedStepThatOthersDependOn_StopsTheRun()
    {
        using var a = await OrgAAsync();
        var root = JsonNode.Parse(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)))!.AsObject();
        var types = root["userTypes"]!.AsArray();
        var partners = types.Single(t => (string?)t!["name"] == "Partners")!;
        types.Remove(partners);
        var resellers = partners.DeepClone().AsObject();
        resellers["name"] = "Resellers";
        resellers.Remove("id");
        types.Add(resellers);
        root["removed"] = new JsonArray { new JsonObject { ["name"] = "Partners", ["transferTo"] = "Resellers" } };
        types.Single(t => (string?)t!["name"] == "Vehicle Owners")!["active"] = true;
        var plan = await a.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(root.ToJsonString(), "f.json"));
        Assert.Equal(new[] { "Update Vehicle Owners", "Create Resellers", "Delete Partners" },
            plan.Steps.Where(s => s.Action != PortalConfigurationAction.Unchanged).Select(s => s.Action + " " + s.UserTypeName));

        a.Emulator.Faults.Add(new EmulatorFault(FaultKind.InternalError) { Method = "POST", PathContains = "/user_type" });
        a.Emulator.RequestLog.Clear();
        var results = await a.Client.ApplyConfigurationAsync(plan, null);
        Assert.Equal(PortalConfigurationOutcome.Succeeded, results.Single(r => r.UserTypeName == "Vehicle Owners").Outcome);
        Assert.Equal(PortalConfigurationOutcome.OutcomeUnknown, results.Single(r => r.UserTypeName == "Resellers").Outcome);
        var delete = results.Single(r => r.UserTypeName == "Partners");
        Assert.Equal(PortalConfigurationOutcome.NotRun, delete.Outcome);
        Assert.DoesNotContain(Changes(a), c => c.Contains("/transfer") || c.StartsWith("DELETE"));
        Assert.Contains(await a.Client.GetUserTypesAsync(Portal), t => t.Name == "Partners" && t.UserCount == 25);
    }

    [Fact]
    public async Task CreatesThatWouldPassFiveUserTypes_AreRefusedBeforeAnyChange()
    {
        using var a = await OrgAAsync(); // four types
        var root = JsonNode.Parse(PortalConfigurationFile.Write(await a.Client.ExportConfigurationAsync(Portal)))!.AsObject();
        var types = root["userTypes"]!.AsArray();
        foreach (var name in new[] { "Alpha", "Beta" })
        {
            var copy = types.Single(t => (string?)t!["name"] == "Partners")!.DeepClone().AsObject();
            copy["name"] = name;
            copy.Remove("id");
            types.Add(copy);
        }
        a.Emulator.RequestLog.Clear();
        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => a.Client.PlanConfigurationAsync(Portal, PortalConfigurationFile.Read(root.ToJsonString(), "f.json")));
        Assert.Contains("Zoho allows 5 user types", Assert.Single(error.Problems));
        Assert.Empty(Changes(a));
    }
}
