using System.Text.RegularExpressions;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// tests/runbooks/import-configuration.ps1 as `pwsh -NonInteractive -File`: a configuration file
/// written by hand (names only, no ids) that changes a permission and removes a user type.
/// </summary>
public sealed class ConfigurationRunbookTests
{
    /// <summary>Customers as seeded, but Contacts may create; Partners removed, its users to Customers.</summary>
    private const string File = """
        {
          "schemaVersion": 1,
          "userTypes": [
            {
              "name": "Customers",
              "default": true,
              "active": true,
              "personalityModule": { "apiName": "Contacts" },
              "modules": [
                { "apiName": "Contacts", "permissions": { "view": true, "edit": true, "create": true },
                  "layouts": [ { "name": "Standard" } ], "view": { "name": "All Contacts" } },
                { "apiName": "Notes", "permissions": { "view": true, "create": true } }
              ]
            }
          ],
          "removed": [ { "name": "Partners", "transferTo": "Customers" } ]
        }
        """;

    private static async Task<PwshRun> Run(LoopbackOrg org, string confirmation, string path) =>
        await Pwsh.RunFileAsync(Repo.Runbook("import-configuration.ps1"), new[] { "-Confirmation", confirmation, "-Path", path }, org.Environment);

    private static string WriteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "zp-config-" + Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(path, File);
        return path;
    }

    [Fact]
    public async Task ImportWithADeletion_Unconfirmed_IsConfirmationNotPossible_AndSendsNothing()
    {
        using var org = new LoopbackOrg(usersPerUserType: 30, contactCount: 0);
        var path = WriteFile();
        try
        {
            var run = await Run(org, "Ask", path);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("Plan: Update Customers, Delete Partners", run.Output);
            var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
            Assert.StartsWith("FAILED ConfirmationNotPossible,", failure);
            Assert.Contains("[InvalidOperation]", failure);
            Assert.Contains("-Confirm:$false", failure);
            Assert.Empty(org.ChangeRequests()); // not even the update: every question is asked before anything is sent
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ConfirmFalse")]
    [InlineData("Force")]
    public async Task ImportWithADeletion_ConfirmedInAdvance_UpdatesMovesThenDeletes(string confirmation)
    {
        using var org = new LoopbackOrg(usersPerUserType: 30, contactCount: 0);
        var path = WriteFile();
        try
        {
            var run = await Run(org, confirmation, path);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Results: Update Customers Succeeded, Delete Partners Succeeded", run.Output);
            Assert.Equal("Customers", Regex.Match(run.Output, "User types: (.*)").Groups[1].Value.Trim());
            var changes = org.ChangeRequests().Select(e => e.Method + " " + Regex.Replace(e.Path, @"\d{19}", "{id}")).ToList();
            Assert.Equal(new[]
            {
                "PUT /crm/v8/settings/portals/ZylkerAutos/user_type/{id}",
                "POST /crm/v8/settings/portals/ZylkerAutos/user_type/{id}/users/action/transfer",
                "DELETE /crm/v8/settings/portals/ZylkerAutos/user_type/{id}",
            }, changes);
            Assert.Equal(60, org.Emulator.Org.PortalUserCount);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
