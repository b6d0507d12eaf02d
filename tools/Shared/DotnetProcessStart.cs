using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace ZohoPortal.Tooling
{
    /// <summary>
    /// How the test projects and the load bench start `dotnet` (for `dotnet pwsh`, the repository's
    /// local tool): from the repository root, every stream redirected as UTF-8, no telemetry, update
    /// checks or colour, then the caller's environment. Compiled into each project that needs it
    /// (a linked source file), so no project references another for it.
    /// </summary>
    internal static class DotnetProcessStart
    {
        public static ProcessStartInfo For(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string?> environment)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            start.Environment["NO_COLOR"] = "1";
            foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;
            return start;
        }
    }
}
