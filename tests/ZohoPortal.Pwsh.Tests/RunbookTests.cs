using System.Text.RegularExpressions;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// tests/runbooks/*.ps1 run as `pwsh -NonInteractive -File`, one per area, against a loopback
/// emulator: what happens with no confirmation given (a host that cannot ask), and with each way
/// a runbook confirms in advance.
/// </summary>
public sealed class RunbookTests
{
    private static Task<PwshRun> Run(LoopbackOrg org, string runbook, string confirmation, params string[] more) =>
        Pwsh.RunFileAsync(Repo.Runbook(runbook), new[] { "-Confirmation", confirmation }.Concat(more), org.Environment);

    private static int Number(PwshRun run, string label)
    {
        var match = Regex.Match(run.Output, Regex.Escape(label) + @": (\d+)");
        Assert.True(match.Success, "No '" + label + ": <n>' line.\n" + run);
        return int.Parse(match.Groups[1].Value);
    }

    [Theory]
    [InlineData("portals.ps1")]
    [InlineData("user-types.ps1")]
    [InlineData("retire-user-type.ps1")]
    [InlineData("users.ps1")]
    [InlineData("remove-users.ps1")]
    [InlineData("invitations.ps1")]
    public async Task UnconfirmedChange_FailsWithConfirmationNotPossible_AndSendsNothing(string runbook)
    {
        using var org = new LoopbackOrg();
        var csv = ContactsCsv(org);

        var run = await Run(org, runbook, "Ask", "-CsvPath", csv);

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED ConfirmationNotPossible,", failure);
        Assert.Contains("[InvalidOperation]", failure);
        Assert.Contains("nothing was changed", failure);
        Assert.Contains("-Confirm:$false", failure);
        Assert.Contains("-Force", failure);
        Assert.Empty(org.ChangeRequests());
    }

    [Fact]
    public async Task SingleUserLoop_CostsOneTransferPerUser_AndOneLookup()
    {
        using var org = new LoopbackOrg(usersPerUserType: 80, contactCount: 0);

        var run = await Run(org, "single-user-loop.ps1", "Ask");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(60, Number(run, "Moved"));
        Assert.Equal(140, Number(run, "Partners now"));
        var crm = org.Emulator.RequestLog.Entries.Where(e => e.Path.StartsWith("/crm/", StringComparison.Ordinal)).ToList();
        Assert.Equal(60, crm.Count(e => e.Path.EndsWith("/users/action/transfer", StringComparison.Ordinal)));
        Assert.Equal(1, crm.Count(e => e.Method == "GET" && e.Path.EndsWith("/user_type", StringComparison.Ordinal)));
        Assert.Equal(1, crm.Count(e => e.Method == "GET" && e.Path.EndsWith("/settings/portals", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("PreferenceNone")]
    public async Task Portals_RemovePortal_ConfirmedInAdvance_DeletesOnce(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Run(org, "portals.ps1", confirmation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        Assert.Equal(0, Number(run, "portals left"));
        var change = Assert.Single(org.ChangeRequests());
        Assert.Equal("DELETE /crm/v8/settings/portals/ZylkerAutos", change.Method + " " + change.Path);
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("Force")]
    [InlineData("PreferenceNone")]
    public async Task UserTypes_Deactivate_ConfirmedInAdvance_OneUpdate(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 30, contactCount: 0);

        var run = await Run(org, "user-types.ps1", confirmation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Partners active: False", run.Output);
        var change = Assert.Single(org.ChangeRequests());
        Assert.Equal("PUT", change.Method);
        Assert.Contains("/user_type/", change.Path);
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("Force")]
    public async Task UserTypes_Retire_ConfirmedInAdvance_MovesUsersThenDeletes(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 30, contactCount: 0);

        var run = await Run(org, "retire-user-type.ps1", confirmation);

        Assert.True(run.ExitCode == 0, run.ToString());
        var types = Regex.Match(run.Output, "User types: (.*)").Groups[1].Value.Trim();
        Assert.DoesNotContain("Partners", types);
        Assert.Contains("Customers", types);
        var changes = org.ChangeRequests().Select(e => e.Method).ToList();
        Assert.Equal(new[] { "POST", "DELETE" }, changes);
        Assert.Contains("/users/action/transfer", org.ChangeRequests()[0].Path);
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("PreferenceNone")]
    public async Task Users_DisableToCsv_ThenEnableFromCsv_OneCallPerUserEachWay(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 40, contactCount: 0);
        var csv = Path.Combine(Path.GetTempPath(), "zp-suspended-" + Guid.NewGuid().ToString("N") + ".csv");

        try
        {
            var run = await Run(org, "users.ps1", confirmation, "-CsvPath", csv);

            Assert.True(run.ExitCode == 0, run.ToString());
            var suspended = Number(run, "Suspended");
            Assert.True(suspended > 0, run.ToString());
            Assert.Equal(suspended, Number(run, "Active confirmed now"));
            Assert.Equal(suspended + 1, File.ReadAllLines(csv).Length);
            // Disabled one call each, enabled one call each from the CSV rows: none skipped, none repeated.
            Assert.Equal(2 * suspended, org.Emulator.RequestLog.CountOf("PUT", "/actions/change_status"));
            Assert.Equal(2 * suspended, org.ChangeRequests().Count);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task LostAnswers_AfterZohoActed_AreReadBack_ReportedTruthfully_AndNeverRepeated()
    {
        using var org = new LoopbackOrg(usersPerUserType: 25, contactCount: 0);
        // Real pwsh, real .NET transport, the emulator on loopback: each kind of change loses its answer after acting.
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.ConnectionReset) { PathContains = "/action/transfer", AfterActing = true });
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.ServiceUnavailable, 3) { PathContains = "/change_status", AfterActing = true });
        org.Emulator.Faults.Add(new EmulatorFault(FaultKind.CutBody) { PathContains = "/users", Method = "DELETE", AfterActing = true });

        var run = await Run(org, "lost-answers.ps1", "ConfirmFalse");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, org.Emulator.Faults.Pending);
        Assert.Equal(25, Number(run, "Moved"));
        var confirmed = Number(run, "Confirmed");
        Assert.Equal(confirmed, Number(run, "Suspended"));
        Assert.Equal(25, Number(run, "Removed"));
        Assert.Equal(0, Number(run, "Customers left"));
        Assert.Equal(25, Number(run, "Partners left"));
        // Each change went out exactly once, lost answers included.
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("POST", "/action/transfer"));
        // Users already shown inactive are checked, not sent (issue 9); the others get one call each.
        Assert.Equal(Number(run, "Confirmed and active"), org.Emulator.RequestLog.CountOf("PUT", "/actions/change_status"));
        Assert.Equal(1, org.Emulator.RequestLog.CountOf("DELETE", "/users"));
        Assert.Equal(5, org.Emulator.RequestLog.Entries.Count(e => e.Fault != null && e.Fault.EndsWith("after acting", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("Force")]
    public async Task RemoveUsers_ConfirmedInAdvance_RemovesTheUnconfirmedInOneCall(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 40, contactCount: 0);

        var run = await Run(org, "remove-users.ps1", confirmation);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Number(run, "Removed") > 0, run.ToString());
        Assert.Equal(0, Number(run, "not confirmed left"));
        var change = Assert.Single(org.ChangeRequests());
        Assert.Equal("DELETE", change.Method);
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("PreferenceNone")]
    public async Task Invitations_FromCsv_WaitForTheBulkJob(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 50);
        var csv = ContactsCsv(org);
        var withEmail = org.Emulator.Org.GetRecords("Contacts").Count(r => !r.IsPortalUser && !string.IsNullOrEmpty(r.Email));
        Assert.InRange(withEmail, 1, 49);

        var run = await Run(org, "invitations.ps1", confirmation, "-CsvPath", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Invited: " + withEmail + " of " + withEmail, run.Output);
        Assert.Equal(1, org.ChangeRequests().Count(e => e.Method == "POST"));
        Assert.Equal(org.ChangeRequests().Count, org.ChangeRequests().Count(e => e.Method == "POST"));
    }

    [Fact]
    public async Task Connection_ShowsNoSecret_AndDisconnects()
    {
        using var org = new LoopbackOrg(usersPerUserType: 2, contactCount: 0);

        var run = await Run(org, "connection.ps1", "Ask");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected: RefreshToken v8 " + org.Environment["ZOHO_API_BASE_URL"], run.Output);
        Assert.Contains("GET /crm/v8/settings/portals", run.Output);
        Assert.Contains("Disconnected", run.Output);
        foreach (var secret in new[] { ZohoEmulator.DemoClientSecret, org.RefreshToken })
        {
            Assert.DoesNotContain(secret, run.Output);
            Assert.DoesNotContain(secret, run.Errors);
        }
        Assert.DoesNotMatch(@"Zoho-oauthtoken \w", run.Output);
    }

    /// <summary>The org's contacts as a CSV with the columns an export from CRM has (Id, Email).</summary>
    [Fact]
    public async Task SyncMembers_RemoveAbsent_WithoutConfirmation_IsConfirmationNotPossible_AndSendsNothing()
    {
        using var org = new LoopbackOrg(usersPerUserType: 5, contactCount: 4);

        var run = await Run(org, "sync-members.ps1", "Ask", "-CsvPath", MembersCsv(org));

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED ConfirmationNotPossible,", failure);
        Assert.Contains("-Confirm:$false", failure);
        Assert.Empty(org.ChangeRequests());
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("Force")]
    public async Task SyncMembers_RemoveAbsent_ConfirmedInAdvance_InvitesMovesRemoves_WithTheFewestCalls(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 5, contactCount: 4);

        var run = await Run(org, "sync-members.ps1", confirmation, "-CsvPath", MembersCsv(org));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal((2, 1, 2, 7), (Number(run, "Invite"), Number(run, "Move"), Number(run, "Remove"), Number(run, "Unchanged")));
        Assert.Equal(10, Number(run, "Portal users"));
        Assert.Equal(0, Number(run, "Left to do"));
        var changes = org.ChangeRequests();
        Assert.Equal(1, changes.Count(e => e.Method == "POST" && e.Path.EndsWith("/users/action/transfer", StringComparison.Ordinal)));
        Assert.Equal(1, changes.Count(e => e.Method == "POST" && e.Path.EndsWith("/Contacts/actions/portal_invite", StringComparison.Ordinal)));
        Assert.Equal(2, changes.Count(e => e.Method == "DELETE"));
        Assert.Equal(4, changes.Count);
    }

    /// <summary>
    /// The seeded org lists its records oldest first: the contacts, then the Customers users, then
    /// the Partners users. The file invites two contacts as Partners, keeps four users of each
    /// type (the Partners by email), moves the first Partners user to Customers and leaves out
    /// the last user of each type.
    /// </summary>
    private static string MembersCsv(LoopbackOrg org)
    {
        var records = org.Emulator.Org.GetRecords("Contacts");
        var contacts = records.Where(r => !r.IsPortalUser).ToList();
        var users = records.Where(r => r.IsPortalUser).ToList();
        var customers = users.Take(5).ToList();
        var partners = users.Skip(5).Take(5).ToList();
        var lines = new List<string> { "\"RecordId\",\"Email\",\"UserType\"" };
        lines.AddRange(contacts.Take(2).Select(r => "\"" + r.Id + "\",\"\",\"Partners\""));
        lines.AddRange(customers.Take(4).Select(r => "\"" + r.Id + "\",\"\",\"Customers\""));
        lines.AddRange(partners.Take(4).Select((r, i) => "\"\",\"" + r.Email + "\",\"" + (i == 0 ? "Customers" : "Partners") + "\""));
        var path = Path.Combine(Path.GetTempPath(), "zp-members-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string ContactsCsv(LoopbackOrg org)
    {
        var path = Path.Combine(Path.GetTempPath(), "zp-contacts-" + Guid.NewGuid().ToString("N") + ".csv");
        var lines = new List<string> { "\"Id\",\"Email\"" };
        lines.AddRange(org.Emulator.Org.GetRecords("Contacts").Where(r => !r.IsPortalUser).Select(r => "\"" + r.Id + "\",\"" + r.Email + "\""));
        File.WriteAllLines(path, lines);
        return path;
    }
}
