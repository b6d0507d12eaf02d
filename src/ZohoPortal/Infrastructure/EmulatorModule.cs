using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Security;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Connect-ZohoPortal -Emulator's way to the companion module ZohoPortal.Emulator. This module
    /// has no reference to emulator code: it imports the companion on demand (from the folder beside
    /// its own, else by name from PSModulePath), runs its New-ZohoPortalEmulator, and reads the
    /// result by property name. Everything read is a framework type (HttpMessageHandler, Uri,
    /// SecureString), so no emulator type enters this module's surface.
    /// </summary>
    internal static class EmulatorModule
    {
        internal const string ModuleName = "ZohoPortal.Emulator";

        internal sealed class InProcessEmulator
        {
            public InProcessEmulator(HttpMessageHandler transport, Uri apiBaseUrl, string clientId, SecureString clientSecret, SecureString refreshToken)
            {
                Transport = transport;
                ApiBaseUrl = apiBaseUrl;
                ClientId = clientId;
                ClientSecret = clientSecret;
                RefreshToken = refreshToken;
            }

            public HttpMessageHandler Transport { get; }
            public Uri ApiBaseUrl { get; }
            public string ClientId { get; }
            public SecureString ClientSecret { get; }
            public SecureString RefreshToken { get; }
        }

        // Imported into the global scope so the user sees the emulator cmdlets after -Emulator.
        // New-ZohoPortalEmulator is called module-qualified and without -WhatIf/-Confirm
        // preferences, which are about changes to Zoho, not about making an in-memory org.
        private const string Script = @"
param([string] $Manifest, [string] $Name)
if (-not (Get-Module -Name $Name)) {
    if ($Manifest) { Import-Module -Name $Manifest -Global -ErrorAction Stop }
    else { Import-Module -Name $Name -Global -ErrorAction Stop }
}
& ($Name + '\New-ZohoPortalEmulator') -WhatIf:$false -Confirm:$false
";

        /// <summary>A new in-process emulated org with default sizes, through the companion module.</summary>
        public static InProcessEmulator NewInProcessEmulator(PSCmdlet cmdlet)
        {
            var manifest = FindBesideThisModule(cmdlet.MyInvocation.MyCommand.Module);
            System.Collections.ObjectModel.Collection<PSObject> output;
            try
            {
                output = cmdlet.InvokeCommand.NewScriptBlock(Script).Invoke(manifest, ModuleName);
            }
            catch (Exception e) when (e is RuntimeException || e is FileNotFoundException || e is IOException)
            {
                throw new ZohoPortalCmdletException("EmulatorModuleNotFound", ErrorCategory.ObjectNotFound,
                    "Connect-ZohoPortal -Emulator needs the ZohoPortal.Emulator module, which was not found beside ZohoPortal nor on PSModulePath"
                    + " (" + e.Message + ").", ModuleName,
                    "Install or copy the ZohoPortal.Emulator module (it ships with ZohoPortal and is staged at out/ZohoPortal.Emulator by the build) next to the ZohoPortal folder, or add its folder to $env:PSModulePath.");
            }

            var emulator = output.FirstOrDefault(o => o != null)
                ?? throw new ZohoPortalCmdletException("EmulatorNotCreated", ErrorCategory.InvalidResult, "New-ZohoPortalEmulator returned nothing.", ModuleName);
            T Read<T>(string name) where T : class =>
                emulator.Properties[name]?.Value as T
                ?? throw new ZohoPortalCmdletException("EmulatorNotCreated", ErrorCategory.InvalidResult,
                    "The ZohoPortal.Emulator module's emulator has no " + name + " property: its version does not match this ZohoPortal.", ModuleName);
            return new InProcessEmulator(Read<HttpMessageHandler>("Transport"), Read<Uri>("ApiBaseUrl"), Read<string>("ClientId"),
                Read<SecureString>("ClientSecret"), Read<SecureString>("RefreshToken"));
        }

        /// <summary>
        /// The companion's manifest next to this module: out/ZohoPortal.Emulator/ beside out/ZohoPortal/,
        /// or Modules/ZohoPortal.Emulator/&lt;version&gt;/ beside Modules/ZohoPortal/&lt;version&gt;/. Null when absent.
        /// </summary>
        private static string? FindBesideThisModule(PSModuleInfo? module)
        {
            var home = module?.ModuleBase;
            if (string.IsNullOrEmpty(home)) return null;
            var file = ModuleName + ".psd1";
            var parent = Path.GetDirectoryName(home!.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            if (parent == null) return null;
            var sibling = Path.Combine(Path.Combine(parent, ModuleName), file);
            if (File.Exists(sibling)) return sibling;
            var grandParent = Path.GetDirectoryName(parent);
            var versioned = grandParent == null ? null : Path.Combine(Path.Combine(Path.Combine(grandParent, ModuleName), Path.GetFileName(home)), file);
            return versioned != null && File.Exists(versioned) ? versioned : null;
        }
    }
}
