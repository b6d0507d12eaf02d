using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework) there are no binding redirects for a module, so
    /// System.Text.Json and its helpers (System.Memory, Unsafe, ...) would fail to bind whenever
    /// their references disagree on a version, or bind to an older copy another module loaded.
    /// This resolver answers such requests with the copy shipped in the module folder, and only
    /// for assemblies the folder holds. PowerShell 7 resolves them from the runtime and never
    /// asks, so the handler is only installed on .NET Framework.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static Dictionary<string, string>? _shipped;

        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
            lock (Gate)
            {
                if (_shipped != null) return;
                var folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
                _shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var file in Directory.GetFiles(folder, "*.dll")) _shipped[Path.GetFileNameWithoutExtension(file)] = file;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (_shipped == null) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _shipped = null;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var shipped = _shipped;
            var name = new AssemblyName(args.Name).Name;
            if (shipped == null || name == null || !shipped.TryGetValue(name, out var path)) return null;
            return Assembly.LoadFrom(path);
        }
    }
}
