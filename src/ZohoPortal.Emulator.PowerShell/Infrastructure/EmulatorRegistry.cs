using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ZohoPortal.Emulator.PowerShell
{
    /// <summary>
    /// The emulators this process has made, and the way back from a ZohoPortal connection to the
    /// emulator it talks to. The companion never references the main module: a connection is read
    /// by property name (Client.Options.Transport for an in-process emulator, ApiBaseUrl for one
    /// on loopback), so the main module can stay free of emulator types.
    /// </summary>
    public static class EmulatorRegistry
    {
        private static readonly object Gate = new object();
        private static readonly List<EmulatorInstance> Served = new List<EmulatorInstance>();
        // In-process emulators live as long as something (a connection, a variable) holds them.
        private static readonly ConditionalWeakTable<ZohoEmulator, EmulatorInstance> InProcess = new ConditionalWeakTable<ZohoEmulator, EmulatorInstance>();

        internal static void Add(EmulatorInstance instance)
        {
            if (instance.IsLoopback)
            {
                lock (Gate) Served.Add(instance);
            }
            else
            {
                InProcess.Add(instance.Emulator, instance);
            }
        }

        internal static List<EmulatorInstance> ServedSnapshot()
        {
            lock (Gate) return new List<EmulatorInstance>(Served);
        }

        internal static void Remove(EmulatorInstance instance)
        {
            lock (Gate) Served.Remove(instance);
        }

        /// <summary>The emulator a ZohoPortal connection talks to, or null (a connection to Zoho, or not a connection).</summary>
        internal static EmulatorInstance? ForConnection(object? connection)
        {
            var target = connection is PSObject ps ? ps.BaseObject : connection;
            if (target == null) return null;

            var transport = Read(Read(Read(target, "Client"), "Options"), "Transport") as HttpMessageHandler;
            var engine = ZohoEmulator.FromHandler(transport);
            if (engine != null)
                return InProcess.GetValue(engine, e => new EmulatorInstance(e, null, Guid.Empty));

            if (Read(target, "ApiBaseUrl") is Uri apiBase)
                foreach (var served in ServedSnapshot())
                    if (served.Running && Uri.Compare(served.BaseUrl, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                        return served;
            return null;
        }

        /// <summary>
        /// Getter of the Emulator property that this module's type file adds to
        /// ZohoPortal.ZohoPortalConnection: the emulated org's engine, or null for a connection to Zoho.
        /// </summary>
        public static object? EngineOfConnection(PSObject connection) => ForConnection(connection)?.Emulator;

        private static object? Read(object? target, string property)
        {
            if (target == null) return null;
            var info = target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
            return info?.GetValue(target);
        }
    }
}
