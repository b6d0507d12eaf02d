using System;
using System.Collections.Generic;
using System.Security;
using ZohoPortal.Emulator;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Emulator
{
    /// <summary>
    /// An emulator served on loopback by Start-ZohoPortalEmulator. Its property names match
    /// Connect-ZohoPortal's parameters, so it pipes straight into Connect-ZohoPortal.
    /// </summary>
    public sealed class EmulatorInstance
    {
        internal EmulatorInstance(EmulatorServer server, System.Guid ownerRunspace)
        {
            Server = server;
            OwnerRunspace = ownerRunspace;
            RefreshToken = SecureStrings.FromPlainText(server.Emulator.DemoRefreshToken);
            ClientSecret = SecureStrings.FromPlainText(ZohoEmulator.DemoClientSecret);
        }

        internal EmulatorServer Server { get; }
        /// <summary>The runspace that started it: Stop-ZohoPortalEmulator without arguments stops only its own.</summary>
        internal System.Guid OwnerRunspace { get; }
        public Uri BaseUrl => Server.BaseUrl;
        /// <summary>Same as BaseUrl: the API lives under /crm/{version}/.</summary>
        public Uri ApiBaseUrl => Server.BaseUrl;
        /// <summary>Same as BaseUrl: the token endpoint is /oauth/v2/token.</summary>
        public Uri AccountsBaseUrl => Server.BaseUrl;
        public int Port => Server.Port;
        public string ClientId => ZohoEmulator.DemoClientId;
        public SecureString ClientSecret { get; }
        public SecureString RefreshToken { get; }
        /// <summary>The emulated org: Faults, RequestLog, Org, CreateRefreshToken(), CreateGrantCode().</summary>
        public ZohoEmulator Emulator => Server.Emulator;
        public bool Running { get; internal set; } = true;

        public override string ToString() => BaseUrl.ToString();
    }

    /// <summary>Emulators started in this process, so Stop-ZohoPortalEmulator can find them.</summary>
    internal static class EmulatorRegistry
    {
        private static readonly object Gate = new object();
        private static readonly List<EmulatorInstance> Running = new List<EmulatorInstance>();

        public static void Add(EmulatorInstance instance)
        {
            lock (Gate) Running.Add(instance);
        }

        public static List<EmulatorInstance> Snapshot()
        {
            lock (Gate) return new List<EmulatorInstance>(Running);
        }

        public static void Remove(EmulatorInstance instance)
        {
            lock (Gate) Running.Remove(instance);
        }
    }
}
