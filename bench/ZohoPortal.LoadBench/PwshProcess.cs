using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ZohoPortal.LoadBench;

/// <summary>
/// Real pwsh from the repository's tool manifest (`dotnet pwsh`), -NoProfile -NonInteractive.
/// A workload script prints READY once connected; the harness then starts measuring and answers
/// on standard input; the script prints one RESULT line of JSON with what it timed itself.
/// </summary>
internal static class PwshProcess
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(40);

    public static async Task RestoreToolsAsync()
    {
        var (code, _, errors) = await RunDotnetAsync(new[] { "tool", "restore" }, new Dictionary<string, string?>(), null);
        if (code != 0) throw new InvalidOperationException("dotnet tool restore failed: " + errors);
    }

    public static async Task<string> VersionAsync()
    {
        var (code, output, errors) = await RunDotnetAsync(new[] { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()" },
            new Dictionary<string, string?>(), null);
        if (code != 0) throw new InvalidOperationException("pwsh did not start: " + errors);
        return output.Trim();
    }

    /// <summary>Runs <paramref name="script"/>; <paramref name="onReady"/> runs when it prints READY, before it is let go.</summary>
    public static async Task<JsonObject> RunAsync(string script, IEnumerable<string> arguments, IDictionary<string, string?> environment, Action? onReady = null)
    {
        var args = new List<string> { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script };
        args.AddRange(arguments);
        var (code, output, errors) = await RunDotnetAsync(args, environment, onReady);
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (code != 0 || line == null)
            throw new InvalidOperationException(Path.GetFileName(script) + " " + string.Join(' ', arguments) + " failed (exit code " + code + ").\n"
                                                + Tail(output) + "\n--- stderr ---\n" + Tail(errors));
        return JsonNode.Parse(line.Substring("RESULT ".Length))!.AsObject();
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text.Substring(text.Length - 4000);

    private static async Task<(int Code, string Output, string Errors)> RunDotnetAsync(IEnumerable<string> arguments, IDictionary<string, string?> environment, Action? onReady)
    {
        var start = ZohoPortal.Tooling.DotnetProcessStart.For(Repo.Root, arguments, environment);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                output.AppendLine(line);
                if (line == "READY")
                {
                    onReady?.Invoke();
                    await process.StandardInput.WriteLineAsync("GO");
                    await process.StandardInput.FlushAsync();
                }
            }
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pwsh ran longer than " + HangGuard + ":\n" + Tail(output.ToString()));
        }
        return (process.ExitCode, output.ToString(), await errors);
    }
}
