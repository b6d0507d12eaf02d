using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ZohoPortal.Bench;

/// <summary>
/// A PowerShell 7.6 runspace with the staged module (out/ZohoPortal) imported by path, as a user
/// has it after Import-Module. Only the Microsoft.PowerShell.Core cmdlets exist in this host.
/// </summary>
internal sealed class HostedModule : IDisposable
{
    private readonly Runspace _runspace;

    public HostedModule()
    {
        var manifest = Path.Combine(FindRepoRoot(), "out", "ZohoPortal", "ZohoPortal.psd1");
        if (!File.Exists(manifest))
            throw new InvalidOperationException("No staged module at " + manifest + ": run dotnet build ZohoPortal.sln -c Release first.");
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run("Import-Module '" + manifest.Replace("'", "''") + "' -Force -ErrorAction Stop");
        // The companion module (New-ZohoPortalEmulator and the other emulator cmdlets), staged beside it.
        var emulator = Path.Combine(FindRepoRoot(), "out", "ZohoPortal.Emulator", "ZohoPortal.Emulator.psd1");
        if (File.Exists(emulator)) Run("Import-Module '" + emulator.Replace("'", "''") + "' -Force -ErrorAction Stop");
        RequireStagedCore(Path.GetDirectoryName(manifest)!);
    }

    /// <summary>
    /// Runs a script in a new pipeline, as the console does for each line typed. Any error fails
    /// the benchmark, so a broken command is never timed as if it were the fast path.
    /// </summary>
    public Collection<PSObject> Run(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        if (ps.Streams.Error.Count > 0)
            throw new InvalidOperationException("The script wrote " + ps.Streams.Error.Count + " errors; the first: " + ps.Streams.Error[0]
                + " (" + ps.Streams.Error[0].FullyQualifiedErrorId + ")\n" + script);
        return output;
    }

    /// <summary>Runs a script that returns one value.</summary>
    public T Get<T>(string script)
    {
        var output = Run(script);
        if (output.Count != 1) throw new InvalidOperationException("Expected one value, got " + output.Count + ": " + script);
        return (T)LanguagePrimitives.ConvertTo(output[0], typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Requests of this method whose path contains <paramref name="pathContains"/> since the log was last cleared.</summary>
    public int Calls(string method, string pathContains) =>
        Get<int>("(Get-ZohoPortalConnection).Emulator.RequestLog.CountOf('" + method + "', '" + pathContains + "')");

    public void ClearRequestLog() => Run("(Get-ZohoPortalConnection).Emulator.RequestLog.Clear()");

    public void Dispose()
    {
        try { Run("Disconnect-ZohoPortal -ErrorAction SilentlyContinue"); } catch (Exception) { }
        _runspace.Dispose();
    }

    /// <summary>Fails loudly when a check of the measured command does not hold.</summary>
    public static void Expect(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("Sanity check failed: " + what);
    }

    /// <summary>
    /// This project references the core for CoreBenchmarks, so the runtime resolves the module's
    /// ZohoPortal.Core from the bench's own folder, not from out/ZohoPortal. Both copies come from
    /// the same build, but a stale stage would mean timing other code than the module ships: refuse it.
    /// </summary>
    private void RequireStagedCore(string stageDir)
    {
        var cmdlets = Get<string>("[ZohoPortal.ZohoPortalConnection].Assembly.Location");
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(cmdlets)), Path.GetFullPath(stageDir), StringComparison.Ordinal))
            throw new InvalidOperationException("The cmdlets were loaded from " + cmdlets + " instead of " + stageDir + ".");
        var loaded = Get<string>("[ZohoPortal.Core.ZohoPortalClient].Assembly.Location");
        var staged = Path.Combine(stageDir, "ZohoPortal.Core.dll");
        if (string.Equals(Path.GetFullPath(loaded), Path.GetFullPath(staged), StringComparison.Ordinal)) return;
        if (!File.ReadAllBytes(loaded).AsSpan().SequenceEqual(File.ReadAllBytes(staged)))
            throw new InvalidOperationException("The module runs " + loaded + ", which differs from the staged " + staged + ": rebuild the solution.");
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ZohoPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ZohoPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
