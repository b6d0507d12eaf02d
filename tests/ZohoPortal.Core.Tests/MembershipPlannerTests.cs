using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Tests;

/// <summary>The membership planner alone: each kind of step, and every refusal, without an org.</summary>
public sealed class MembershipPlannerTests
{
    private const string Portal = "ZylkerAutos";
    private static readonly PortalUserType Customers = new() { Id = "1306462000000100001", Name = "Customers", Default = true, PersonalityModuleInfo = new ZohoModuleRef { ApiName = "Contacts" } };
    private static readonly PortalUserType Partners = new() { Id = "1306462000000100002", Name = "Partners", PersonalityModuleInfo = new ZohoModuleRef { ApiName = "Contacts" } };
    private static readonly PortalUserType[] Types = { Customers, Partners };

    private static PortalUser User(string id, PortalUserType type, string email, bool confirmed = true, bool active = true) => new()
    {
        PersonalityId = id, Email = email, Name = email.Split('@')[0], UserTypeId = type.Id, UserTypeName = type.Name,
        PortalName = Portal, Confirmed = confirmed, Active = active, Module = "Contacts",
    };

    private static readonly PortalUser Ava = User("1306462000000200001", Customers, "ava@example.com");
    private static readonly PortalUser Liam = User("1306462000000200002", Partners, "liam@example.com");
    private static readonly PortalUser Maya = User("1306462000000200003", Customers, "maya@example.com");
    private static readonly PortalUser Noah = User("1306462000000200004", Partners, "noah@example.com", confirmed: false);
    private static readonly PortalUser Zara = User("1306462000000200005", Customers, "zara@example.com", active: false);
    private static readonly PortalUser[] Users = { Ava, Liam, Maya, Noah, Zara };

    private static List<PortalMembershipRow> Rows(params (string? Id, string? Email, string? TypeId, string? TypeName)[] rows) =>
        rows.Select((r, i) => new PortalMembershipRow { RecordId = r.Id, Email = r.Email, UserTypeId = r.TypeId, UserTypeName = r.TypeName, Row = i + 1 }).ToList();

    private static PortalUserSyncPlan Plan(List<PortalMembershipRow> rows, PortalUserAbsentAction absent = PortalUserAbsentAction.Leave) =>
        MembershipPlanner.Plan(Portal, rows, Types, Users, absent);

    [Fact]
    public void ListedInTheirType_IsUnchanged_ByEmailInAnyCase_OrById()
    {
        var plan = Plan(Rows((null, "AVA@Example.com", null, "customers"), (Liam.PersonalityId, null, Partners.Id, null)));
        Assert.Empty(plan.RowErrors);
        var listed = plan.Steps.Where(s => s.Row != null).ToList();
        Assert.Equal(new[] { Ava.PersonalityId, Liam.PersonalityId }, listed.Select(s => s.PersonalityId));
        Assert.All(listed, s => Assert.Equal(PortalUserSyncAction.Unchanged, s.Action));
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void ListedInAnotherType_IsAMoveFromTheCurrentType()
    {
        var plan = Plan(Rows((null, "maya@example.com", null, "Partners")));
        var move = Assert.Single(plan.Changes);
        Assert.Equal(PortalUserSyncAction.Move, move.Action);
        Assert.Equal((Customers.Id, "Customers", Partners.Id, "Partners"), (move.FromUserTypeId, move.FromUserTypeName, move.UserTypeId, move.UserTypeName));
        Assert.Equal(1, move.Row);
    }

    [Fact]
    public void RecordIdThatIsNoUser_IsAnInvitationInTheTypesModule_WithItsLanguage()
    {
        var rows = Rows(("1306462000000300001", "new@example.com", null, "Partners"));
        rows[0].Language = "de_de";
        var plan = Plan(rows);
        var invite = Assert.Single(plan.Changes);
        Assert.Equal(PortalUserSyncAction.Invite, invite.Action);
        Assert.Equal(("1306462000000300001", Partners.Id, "Contacts", "de_DE"), (invite.PersonalityId, invite.UserTypeId, invite.Module, invite.Language));
        Assert.Null(invite.Confirmed);
    }

    [Fact]
    public void UnconfirmedUser_IsAPortalUser_SoARerunInvitesNobodyTwice()
    {
        var plan = Plan(Rows((Noah.PersonalityId, null, null, "Partners")));
        Assert.Equal(PortalUserSyncAction.Unchanged, plan.Steps.Single(s => s.PersonalityId == Noah.PersonalityId).Action);
        Assert.DoesNotContain(plan.Steps, s => s.Action == PortalUserSyncAction.Invite);
    }

    [Theory]
    [InlineData(PortalUserAbsentAction.Leave, "Leave", "Leave", "Leave")]
    [InlineData(PortalUserAbsentAction.Disable, "Disable", "Skip", "Unchanged")]
    [InlineData(PortalUserAbsentAction.Remove, "Remove", "Remove", "Remove")]
    public void Absent_FollowsTheChoice_UnconfirmedCannotBeDisabled_DeactivatedAlreadyIs(PortalUserAbsentAction absent, string confirmedActive, string unconfirmed, string deactivated)
    {
        var plan = Plan(Rows((null, "ava@example.com", null, "Customers"), (null, "liam@example.com", null, "Partners")), absent);
        string ActionOf(PortalUser u) => plan.Steps.Single(s => s.PersonalityId == u.PersonalityId).Action.ToString();
        Assert.Equal(confirmedActive, ActionOf(Maya));
        Assert.Equal(unconfirmed, ActionOf(Noah));
        Assert.Equal(deactivated, ActionOf(Zara));
        Assert.All(plan.Steps.Where(s => s.Row == null), s => Assert.Equal(Customers.Id == s.UserTypeId ? "Customers" : "Partners", s.UserTypeName));
        Assert.Equal(5, plan.Steps.Count);
    }

    [Fact]
    public void EmailThatIsNoUser_IsAnErrorForThatRowOnly_AndTheRestIsPlanned()
    {
        var plan = Plan(Rows((null, "stranger@example.com", null, "Customers"), (null, "maya@example.com", null, "Partners")));
        var error = Assert.Single(plan.RowErrors);
        Assert.Equal(("SyncEmailNotPortalUser", 1, false), (error.ErrorId, error.Row.Row, error.BlocksSync));
        Assert.Contains("RecordId", error.Message);
        Assert.False(plan.IsRefused);
        Assert.Equal(PortalUserSyncAction.Move, Assert.Single(plan.Changes).Action);
    }

    [Theory]
    [InlineData(null, null, "Customers", "SyncRowNoIdentity")]
    [InlineData("12ab", null, "Customers", "SyncInvalidRecordId")]
    [InlineData(null, "ava@example.com", "Premium", "SyncUnknownUserType")]
    [InlineData(null, "ava@example.com", null, "SyncRowNoUserType")]
    public void ABadRow_RefusesTheWholeSync_WithAStableErrorId(string? id, string? email, string? typeName, string errorId)
    {
        var plan = Plan(Rows((null, "liam@example.com", null, "Customers"), (id, email, null, typeName)), PortalUserAbsentAction.Remove);
        var error = Assert.Single(plan.RowErrors);
        Assert.Equal((errorId, 2, true), (error.ErrorId, error.Row.Row, error.BlocksSync));
        Assert.True(plan.IsRefused);
    }

    [Fact]
    public void UnknownUserTypeId_AndAnIdThatDisagreesWithTheName_AreRefused()
    {
        var plan = Plan(Rows((null, "ava@example.com", "1306462000000199999", null), (null, "liam@example.com", Customers.Id, "Partners")));
        Assert.Equal(new[] { "SyncUnknownUserType", "SyncUserTypeMismatch" }, plan.RowErrors.Select(e => e.ErrorId));
        Assert.Contains("Customers (1306462000000100001)", plan.RowErrors[0].Message);
        Assert.True(plan.IsRefused);
    }

    [Fact]
    public void SamePersonTwice_IsADuplicate_InTwoTypesAConflict_EvenByIdAndByEmail()
    {
        var plan = Plan(Rows((null, "ava@example.com", null, "Customers"), (Ava.PersonalityId, null, null, "customers"),
            (null, "liam@example.com", null, "Partners"), (null, "LIAM@example.com", null, "Customers")));
        Assert.Equal(new[] { ("SyncDuplicateRow", 1), ("SyncDuplicateRow", 2), ("SyncConflictingRows", 3), ("SyncConflictingRows", 4) },
            plan.RowErrors.Select(e => (e.ErrorId, e.Row.Row)));
        Assert.Contains("rows 3, 4", plan.RowErrors[2].Message);
        Assert.True(plan.IsRefused);
    }

    [Fact]
    public void EmailSharedByTwoUsers_IsRefused()
    {
        var twin = User("1306462000000200009", Partners, "ava@example.com");
        var plan = MembershipPlanner.Plan(Portal, Rows((null, "ava@example.com", null, "Customers")), Types, Users.Append(twin).ToList(), PortalUserAbsentAction.Leave);
        Assert.Equal("SyncAmbiguousEmail", Assert.Single(plan.RowErrors).ErrorId);
    }

    [Fact]
    public void PeopleNamedByRowsInError_AreNeverAbsent()
    {
        var plan = Plan(Rows((null, "ava@example.com", null, "Premium"), (Liam.PersonalityId, null, null, null)), PortalUserAbsentAction.Remove);
        Assert.True(plan.IsRefused);
        var removed = plan.Steps.Where(s => s.Action == PortalUserSyncAction.Remove).Select(s => s.PersonalityId).ToList();
        Assert.DoesNotContain(Ava.PersonalityId, removed);
        Assert.DoesNotContain(Liam.PersonalityId, removed);
        Assert.Contains(Maya.PersonalityId, removed);
    }

    [Fact]
    public void Summary_CountsEachKind()
    {
        var plan = Plan(Rows((null, "maya@example.com", null, "Partners"), ("1306462000000300001", null, null, "Customers")), PortalUserAbsentAction.Disable);
        Assert.Equal("1 Unchanged, 1 Invite, 1 Move, 2 Disable, 1 Skip", plan.Summary());
        Assert.Equal(2, plan.Count(PortalUserSyncAction.Disable));
    }
}
