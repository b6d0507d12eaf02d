using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>The outcome of one script: output, non-terminating errors and the other streams.</summary>
public sealed class ScriptResult
{
    public required Collection<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<string> Verbose { get; init; }
    public required IReadOnlyList<string> Debug { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<string> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>Every text any stream produced, for secret-leak checks.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(o => o?.ToString() ?? string.Empty)
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? "", e.ErrorDetails?.Message ?? "", e.ErrorDetails?.RecommendedAction ?? "", e.FullyQualifiedErrorId }))
            .Concat(Verbose).Concat(Debug).Concat(Warnings).Concat(Information)
            .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription)));
}

/// <summary>
/// A real PowerShell 7.6 runspace with the staged module (out/ZohoPortal) imported, as a user
/// would have it. Only the Microsoft.PowerShell.Core cmdlets exist in this host.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <param name="importModule">Import the staged main module.</param>
    /// <param name="importEmulator">Also import the staged companion module ZohoPortal.Emulator (as a test script would, to use its cmdlets directly).</param>
    public PowerShellSession(bool importModule = true, bool importEmulator = true)
    {
        var iss = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        if (importModule)
        {
            var result = Run("Import-Module '" + ModulePath.Manifest.Replace("'", "''") + "' -Force -ErrorAction Stop");
            if (result.Errors.Count > 0) throw new InvalidOperationException("Import failed: " + result.Errors[0]);
            if (importEmulator)
            {
                result = Run("Import-Module '" + ModulePath.EmulatorManifest.Replace("'", "''") + "' -Force -ErrorAction Stop");
                if (result.Errors.Count > 0) throw new InvalidOperationException("Import of the emulator module failed: " + result.Errors[0]);
            }
        }
    }

    /// <summary>Runs a script; a terminating error is thrown as <see cref="RuntimeException"/>.</summary>
    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        ps.AddScript(script);
        var output = ps.Invoke();
        return new ScriptResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(v => v.Message).ToList(),
            Warnings = ps.Streams.Warning.Select(v => v.Message).ToList(),
            Information = ps.Streams.Information.Select(v => v.MessageData?.ToString() ?? string.Empty).ToList(),
            Progress = ps.Streams.Progress.ToList(),
        };
    }

    /// <summary>Runs a script that must not write any error, and returns its output.</summary>
    public Collection<PSObject> RunClean(string script)
    {
        var result = Run(script);
        if (result.Errors.Count > 0)
            throw new Xunit.Sdk.XunitException("Unexpected error: " + result.Errors[0] + " (" + result.Errors[0].FullyQualifiedErrorId + ")");
        return result.Output;
    }

    /// <summary>
    /// Starts a script, asks it to stop (as Ctrl+C does) after <paramref name="stopAfter"/>, and
    /// returns the final state. Stop() only returns once the pipeline has ended, so a command that
    /// ignored the request would hang the test (the test runner's timeout then fails it).
    /// </summary>
    /// <summary>Starts <paramref name="script"/>, stops it as soon as <paramref name="ready"/> holds, and returns its final state.</summary>
    public System.Management.Automation.PSInvocationState RunAndStopWhen(string script, Func<bool> ready)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var pending = ps.BeginInvoke();
        // A hang guard, not a timing assertion.
        Assert.True(SpinWait.SpinUntil(ready, TimeSpan.FromSeconds(60)), "The condition to stop at never held.");
        ps.Stop();
        try { ps.EndInvoke(pending); } catch (PipelineStoppedException) { }
        return ps.InvocationStateInfo.State;
    }

    public T GetVariable<T>(string name) => (T)LanguagePrimitives.ConvertTo(_runspace.SessionStateProxy.GetVariable(name), typeof(T));

    public void Dispose()
    {
        try { Run("Disconnect-ZohoPortal -ErrorAction SilentlyContinue; if (Get-Command Stop-ZohoPortalEmulator -ErrorAction SilentlyContinue) { Stop-ZohoPortalEmulator -ErrorAction SilentlyContinue }"); } catch (Exception) { }
        _runspace.Dispose();
    }
}

/// <summary>Finds the staged module from the test's output folder by walking up to the repository root.</summary>
public static class ModulePath
{
    public static string RepoRoot { get; } = FindRoot();
    public static string StageDir => Path.Combine(RepoRoot, "out", "ZohoPortal");
    public static string Manifest => Path.Combine(StageDir, "ZohoPortal.psd1");
    /// <summary>The companion module, staged beside the main one.</summary>
    public static string EmulatorStageDir => Path.Combine(RepoRoot, "out", "ZohoPortal.Emulator");
    public static string EmulatorManifest => Path.Combine(EmulatorStageDir, "ZohoPortal.Emulator.psd1");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ZohoPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ZohoPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
