using System.IO;
using System.Management.Automation;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Configuration
{
    /// <summary>What the configuration cmdlets share: -Portal (bound from PortalName), and reading a file from a PowerShell path.</summary>
    public abstract class PortalConfigurationCmdletBase : ZohoPortalConnectedCmdlet
    {
        /// <summary>
        /// The target portal (default: the org's portal). Compare and Import take it from the
        /// pipeline by no property on purpose: a piped configuration's Portal names the portal it
        /// came from, which in another org has another name.
        /// </summary>
        public abstract string? Portal { get; set; }

        /// <summary>True under -WhatIf (or $WhatIfPreference).</summary>
        protected bool IsWhatIfRun
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter sw) return sw.IsPresent;
                var preference = GetVariableValue("WhatIfPreference");
                return preference is SwitchParameter p ? p.IsPresent : preference is bool b && b;
            }
        }

        /// <summary>A configuration file at a PowerShell path (relative to the current location, ~ and PSDrives allowed).</summary>
        protected PortalConfiguration ReadConfiguration(string path)
        {
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
                throw new ZohoPortalCmdletException("ConfigurationFileNotFound", ErrorCategory.ObjectNotFound,
                    "The configuration file '" + full + "' does not exist.", path, "Write one with Export-PortalConfiguration -Path " + path + ".");
            return PortalConfigurationFile.Read(File.ReadAllText(full), "'" + full + "'");
        }
    }
}
