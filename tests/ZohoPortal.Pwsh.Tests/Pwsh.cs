using System.Diagnostics;
using System.Text;

namespace ZohoPortal.Pwsh.Tests;

/// <summary>What one pwsh process did.</summary>
internal sealed record PwshRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => "exit code " + ExitCode + "\n--- stdout ---\n" + Output + "\n--- stderr ---\n" + Errors;
}

/// <summary>
/// Starts real pwsh the way the README installs it: `dotnet pwsh` from the repository's local
/// tool manifest, restored once per test run. Standard input is closed (as in CI), and the
/// shell is -NoProfile -NonInteractive, like a runbook worker.
/// </summary>
internal static class Pwsh
{
    /// <summary>A guard against a hung child, not a timing assertion: far above any normal run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task> Restore = new(() => RunDotnetAsync(new[] { "tool", "restore" }, new Dictionary<string, string?>()));

    public static async Task<PwshRun> RunFileAsync(string script, IEnumerable<string>? arguments = null, IDictionary<string, string?>? environment = null)
    {
        await Restore.Value;
        var args = new List<string> { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script };
        if (arguments != null) args.AddRange(arguments);
        var run = await RunDotnetAsync(args, environment ?? new Dictionary<string, string?>());
        return run;
    }

    private static async Task<PwshRun> RunDotnetAsync(IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var start = ZohoPortal.Tooling.DotnetProcessStart.For(Repo.Root, arguments, environment);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not end within " + HangGuard + ".");
        }
        var result = new PwshRun(process.ExitCode, await output, await errors);
        if (arguments.First() == "tool" && result.ExitCode != 0)
            throw new InvalidOperationException("dotnet tool restore failed: " + result);
        return result;
    }
}
