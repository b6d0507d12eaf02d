using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.Tests;

/// <summary>The per-user-type index that listing reads without a lock.</summary>
public sealed class UserIndexTests
{
    private static PortalUserState User(string id) => new() { PersonalityId = id };

    [Fact]
    public void Apply_KeepsCreationOrder_AcrossAddsAndRemoves()
    {
        var index = new UserIndex();
        var users = new[] { "1306462000000000009", "1306462000000000010", "99", "1306462000000000011" }.Select(User).ToList();

        index.Apply(null, new List<PortalUserState> { users[3], users[0] });
        index.Apply(null, new List<PortalUserState> { users[2], users[1] });
        index.Apply(new HashSet<PortalUserState> { users[0] }, null);

        // Shorter ids are older (ids grow with creation), then ordinal order.
        Assert.Equal(new[] { "99", "1306462000000000010", "1306462000000000011" }, index.Snapshot.Select(u => u.PersonalityId));
    }

    [Fact]
    public void Snapshot_ReadBeforeAChange_StaysAsItWas()
    {
        var index = new UserIndex();
        index.Apply(null, new List<PortalUserState> { User("1"), User("2") });
        var before = index.Snapshot;

        index.Apply(new HashSet<PortalUserState>(before), null);

        Assert.Equal(2, before.Length);
        Assert.Empty(index.Snapshot);
    }

    [Fact]
    public void Apply_RemovingAUserThatIsNotAMember_ChangesNothingElse()
    {
        var index = new UserIndex();
        index.Apply(null, new List<PortalUserState> { User("1"), User("2") });

        index.Apply(new HashSet<PortalUserState> { User("3") }, null);

        Assert.Equal(new[] { "1", "2" }, index.Snapshot.Select(u => u.PersonalityId));
    }
}
