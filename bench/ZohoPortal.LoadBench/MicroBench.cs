using System.Diagnostics;
using System.Net.Http.Headers;
using ZohoPortal.Core;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.LoadBench;

internal sealed record ImportResult(TimeSpan Module, TimeSpan Empty, int Runs);

internal sealed record CoreCallResult(TimeSpan Core, TimeSpan Bare, int Calls, string Url);

/// <summary>Import-Module against an empty binary module, and one core call against a bare HttpClient call.</summary>
internal static class MicroBench
{
    /// <summary>Fresh pwsh per import, the two modules alternating; the first of each is a discarded warm-up (disk cache).</summary>
    public static async Task<ImportResult> ImportAsync(int runs)
    {
        var empty = await BuildEmptyModuleAsync();
        var module = new List<TimeSpan>();
        var bare = new List<TimeSpan>();
        for (var i = -1; i < runs; i++)
        {
            var m = await ImportOnceAsync(Repo.StagedModule);
            var e = await ImportOnceAsync(empty);
            if (i < 0) continue;
            module.Add(m);
            bare.Add(e);
        }
        Console.WriteLine("  Import-Module: ZohoPortal " + Median(module).TotalMilliseconds.ToString("0") + " ms, empty " + Median(bare).TotalMilliseconds.ToString("0") + " ms");
        return new ImportResult(Median(module), Median(bare), runs);
    }

    private static async Task<TimeSpan> ImportOnceAsync(string path)
    {
        var result = await PwshProcess.RunAsync(Repo.Script("Import.ps1"), new[] { "-Path", path }, new Dictionary<string, string?>());
        return TimeSpan.FromMilliseconds(result["WallMs"]!.GetValue<double>());
    }

    private static async Task<string> BuildEmptyModuleAsync()
    {
        var project = Path.Combine(Repo.Root, "bench", "EmptyModule", "EmptyModule.csproj");
        var output = Path.Combine(Repo.Root, "bench", "EmptyModule", "bin", "LoadBench");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("Building the empty module failed:\n" + await stdout + await stderr);
        return Path.Combine(output, "EmptyModule.psd1");
    }

    /// <summary>
    /// One page of users through ZohoPortalClient and the same GET through a bare HttpClient (body
    /// read as text), same loopback server, zero latency, calls alternating; medians.
    /// </summary>
    public static async Task<CoreCallResult> CoreCallAsync(BenchOptions o)
    {
        using var org = new BenchOrg(25, 0, TimeSpan.Zero, o.OrgLimit, o.JobDelay);
        var typeId = (await org.UserTypeIdsAsync())["Customers"];
        using var client = new ZohoPortalClient(
            new ZohoConnectionOptions { ApiBaseUrl = org.BaseUrl, AccountsBaseUrl = org.BaseUrl, MaxConcurrency = o.Concurrency },
            new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, org.RefreshToken));
        using var http = new HttpClient { BaseAddress = org.BaseUrl };
        var path = "/crm/v8/settings/portals/" + BenchOrg.Portal + "/user_type/" + typeId + "/users?type=AllUsers&page=1&per_page=200";
        var token = await org.TokenAsync();

        async Task Core() => _ = (await client.GetUsersPageAsync(BenchOrg.Portal, typeId, PortalUserStatus.All, 1)).Users.Count;
        async Task Bare()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsStringAsync();
        }

        for (var i = 0; i < 200; i++) { await Core(); await Bare(); }
        var core = new List<TimeSpan>();
        var bare = new List<TimeSpan>();
        var sw = new Stopwatch();
        for (var i = 0; i < o.CoreCalls; i++)
        {
            sw.Restart(); await Core(); core.Add(sw.Elapsed);
            sw.Restart(); await Bare(); bare.Add(sw.Elapsed);
        }
        var result = new CoreCallResult(Median(core), Median(bare), o.CoreCalls, path);
        Console.WriteLine("  core call " + result.Core.TotalMicroseconds.ToString("0") + " µs, bare HttpClient " + result.Bare.TotalMicroseconds.ToString("0") + " µs");
        return result;
    }

    public static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
