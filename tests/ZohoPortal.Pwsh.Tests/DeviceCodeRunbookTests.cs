using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>
/// tests/runbooks/device-code.ps1 in `pwsh -NonInteractive` against a loopback emulator, while this
/// test plays the person at the browser: it waits for the device code to be handed out, then uses
/// the emulator's verification page over HTTP. The emulator's polling interval is one second
/// (announced as Zoho does, in milliseconds), so a sign-in takes a poll or two.
/// </summary>
public sealed class DeviceCodeRunbookTests
{
    /// <summary>A guard against a hung child, not a timing assertion.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    internal static LoopbackOrg NewOrg() =>
        new(usersPerUserType: 2, contactCount: 0, configure: o => o.DevicePollInterval = TimeSpan.FromSeconds(1));

    private static Task<(PwshRun Run, string UserCode, int PageStatus)> SignIn(LoopbackOrg org, Func<string, Task<int>> person) =>
        SignIn(org, "device-code.ps1", Array.Empty<string>(), org.Environment, person);

    /// <summary>Runs <paramref name="runbook"/> and, once it asked for a device code, lets <paramref name="person"/> act on the user code.</summary>
    internal static async Task<(PwshRun Run, string UserCode, int PageStatus)> SignIn(LoopbackOrg org, string runbook, string[] arguments,
        IDictionary<string, string?> environment, Func<string, Task<int>> person)
    {
        var issued = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        org.Emulator.DeviceCodeIssued += code => issued.TrySetResult(code);
        var running = Pwsh.RunFileAsync(Repo.Runbook(runbook), arguments, environment);
        var first = await Task.WhenAny(issued.Task, running).WaitAsync(Guard);
        Assert.True(first == issued.Task, "The runbook ended before asking for a device code:\n" + (running.IsCompleted ? running.Result.ToString() : string.Empty));
        var userCode = issued.Task.Result;
        var status = await person(userCode);
        return (await running.WaitAsync(Guard), userCode, status);
    }

    internal static async Task<int> UsePage(LoopbackOrg org, string userCode, string action, string dc = "us")
    {
        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(org.BaseUrl, "oauth/v3/device"));
        Assert.Contains("name=\"user_code\"", page);
        using var answer = await http.PostAsync(new Uri(org.BaseUrl, "oauth/v3/device"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode,
            ["action"] = action,
            ["dc"] = dc,
        }));
        return (int)answer.StatusCode;
    }

    private static List<string> AccountsPaths(LoopbackOrg org) =>
        org.Emulator.RequestLog.Entries.Where(e => e.Path.Contains("/oauth/")).Select(e => e.Path).ToList();

    [Fact]
    public async Task Approved_ShowsTheCode_Connects_AndRenewsWithoutAskingAgain()
    {
        using var org = NewOrg();
        org.Emulator.Faults.Add(FaultKind.ExpireToken, pathContains: "/settings/portals");

        var (run, userCode, status) = await SignIn(org, code => UsePage(org, code, "approve"));

        Assert.Equal(200, status);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("open " + new Uri(org.BaseUrl, "oauth/v3/device") + " in a browser and enter the code " + userCode, run.Output);
        Assert.Contains("Output objects: 0", run.Output);
        Assert.Contains("Information records tagged ZohoPortal.DeviceCode: 1", run.Output);
        Assert.Contains("Connected: DeviceCode " + ZohoEmulator.DemoClientId, run.Output);
        Assert.Contains("Portal: ZylkerAutos", run.Output);
        Assert.Contains("Portal again: ZylkerAutos", run.Output);
        // One device code, polls until approved, then one renewal with the refresh token after the 401.
        var paths = AccountsPaths(org);
        Assert.Single(paths, p => p == "/oauth/v3/device/code");
        Assert.Contains("/oauth/v3/device/token", paths);
        Assert.Single(paths, p => p == "/oauth/v2/token");
        Assert.Single(org.Emulator.RequestLog.Entries, e => e.Status == 401);
        AssertNoSecret(org, run);
    }

    [Fact]
    public async Task Denied_EndsWithAccessDenied_Explained()
    {
        using var org = NewOrg();

        var (run, _, status) = await SignIn(org, code => UsePage(org, code, "deny"));

        Assert.Equal(200, status);
        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED ZohoAuthentication.access_denied,", failure);
        Assert.Contains("[AuthenticationError]", failure);
        Assert.Contains("rejected on Zoho's verification page", failure);
        Assert.DoesNotContain(org.Emulator.RequestLog.Entries, e => e.Path.StartsWith("/crm/", StringComparison.Ordinal));
        AssertNoSecret(org, run);
    }

    [Fact]
    public async Task Expired_EndsWithExpired_Explained()
    {
        using var org = NewOrg();

        var (run, _, _) = await SignIn(org, _ => { org.Emulator.ExpireDeviceCodes(); return Task.FromResult(0); });

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = Assert.Single(run.Errors.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED ZohoAuthentication.expired,", failure);
        Assert.Contains("No one approved the code", failure);
        Assert.Contains("-UseDeviceCode again", failure);
        AssertNoSecret(org, run);
    }

    [Fact]
    public async Task OtherDc_ContinuesAtTheUsersDataCentre_AndRenewsThere()
    {
        using var org = NewOrg();
        org.Emulator.Faults.Add(FaultKind.ExpireToken, pathContains: "/settings/portals");

        var (run, _, status) = await SignIn(org, code => UsePage(org, code, "approve", dc: "eu"));

        Assert.Equal(200, status);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected: DeviceCode", run.Output);
        Assert.Contains("Portal again: ZylkerAutos", run.Output);
        var paths = AccountsPaths(org);
        Assert.Contains("/dc/eu/oauth/v3/device/token", paths);
        Assert.Equal(new[] { "/dc/eu/oauth/v2/token" }, paths.Where(p => p.EndsWith("/oauth/v2/token", StringComparison.Ordinal)));
        AssertNoSecret(org, run);
    }

    private static void AssertNoSecret(LoopbackOrg org, PwshRun run)
    {
        foreach (var secret in new[] { ZohoEmulator.DemoClientSecret, org.RefreshToken })
        {
            Assert.DoesNotContain(secret, run.Output);
            Assert.DoesNotContain(secret, run.Errors);
        }
        // Device codes are 1004.<hex>.<hex>; access and refresh tokens 1000.<hex>.<hex>: none may show.
        Assert.DoesNotMatch(@"100[04]\.[0-9a-f]{32}\.[0-9a-f]{32}", run.Output + run.Errors);
        Assert.DoesNotMatch(@"Zoho-oauthtoken \w", run.Output);
    }
}
