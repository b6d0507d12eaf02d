using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ZohoPortal.Demo;

// Runs a PowerShell script (default: samples/demo.ps1) with the staged module imported, and
// renders its output as pwsh would. Exit code 1 if the script wrote any error.
var root = FindRoot();
var scriptPath = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(root, "samples", "demo.ps1");
var manifest = Path.Combine(root, "out", "ZohoPortal", "ZohoPortal.psd1");
if (!File.Exists(manifest))
{
    Console.Error.WriteLine("The module is not staged at " + manifest + "; run 'dotnet build' first.");
    return 2;
}

var host = new ConsoleHost();
using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
// Printed as they happen, so an error shows up under the step that caused it.
var errorCount = 0;
ps.Streams.Error.DataAdded += (_, e) =>
{
    var error = ps.Streams.Error[e.Index];
    Interlocked.Increment(ref errorCount);
    Console.Error.WriteLine("ERROR: " + error + " (" + error.FullyQualifiedErrorId + ")");
};
ps.AddScript("$ErrorActionPreference = 'Continue'; Import-Module '" + manifest.Replace("'", "''") + "'; & '" + scriptPath.Replace("'", "''") + "'")
  .AddCommand("Out-Default");
try
{
    ps.Invoke();
}
catch (RuntimeException e)
{
    Console.Error.WriteLine("ERROR: " + e.Message + " (" + e.ErrorRecord.FullyQualifiedErrorId + ")");
    return 1;
}
return errorCount > 0 ? 1 : 0;

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ZohoPortal.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
