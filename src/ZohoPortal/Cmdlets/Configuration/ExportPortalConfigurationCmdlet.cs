using System.IO;
using System.Management.Automation;
using System.Text;
using ZohoPortal.Core.Configuration;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Configuration
{
    /// <summary>
    /// <para type="synopsis">Writes the portal's user types, with their module and field permissions, to a configuration file (or the pipeline).</para>
    /// <para type="description">Export-PortalConfiguration reads every user type of the portal with its modules (one request) and writes them as a JSON file made for source control: schema version, portal name, and each user type sorted by name with its personality module, active flag, invitation field, and modules sorted by API name, each with its permissions, layouts, view, filter and field permissions. Everything is named by API name (modules, fields, filters) or name (layouts, views), with the org's ids kept alongside, so the file applies to another org where the ids differ (Import-PortalConfiguration). The text is stable: the same portal always gives the same bytes (two-space indent, LF line ends), so a diff shows only what changed. Users and their membership are not part of the file.</para>
    /// <para type="description">Without -Path the configuration object is written to the pipeline instead (pipe it into Compare-PortalConfiguration or Import-PortalConfiguration of another connection); with -Path and -PassThru, both. An existing file is replaced unless -NoClobber is given; -Force also replaces a read-only file.</para>
    /// </summary>
    /// <example>
    /// <code>Export-PortalConfiguration -Path ./portal.json</code>
    /// <para>Writes the portal's user types to portal.json (replacing the file if it exists).</para>
    /// </example>
    /// <example>
    /// <code>Export-PortalConfiguration -Path ./backup-$(Get-Date -Format yyyyMMdd).json -NoClobber</code>
    /// <para>A dated backup before a risky edit; refuses to overwrite an existing backup.</para>
    /// </example>
    /// <example>
    /// <code>Export-PortalConfiguration -Connection $sandbox | Import-PortalConfiguration -Connection $production -WhatIf</code>
    /// <para>Shows what making production's user types match the sandbox's would change, without a file and without changing anything.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "PortalConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(PortalConfiguration))]
    public sealed class ExportPortalConfigurationCmdlet : PortalConfigurationCmdletBase
    {
        #region Parameters

        /// <summary><para type="description">The portal to export. Default: the org's portal (an org has one). Binds from the PortalName property of piped objects (Get-Portal).</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortalName")]
        [ArgumentCompleter(typeof(PortalNameCompleter))]
        public override string? Portal { get; set; }

        /// <summary><para type="description">The file to write (a PowerShell path). Without it, the configuration object goes to the pipeline.</para></summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary><para type="description">Refuses to replace an existing file (ErrorId ConfigurationFileExists).</para></summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary><para type="description">Replaces the file even when it is read-only.</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">With -Path, also writes the configuration object to the pipeline.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            var connection = ActiveConnection;
            var portal = ResolvePortal(Portal);
            CurrentTarget = portal;
            var configuration = RunAsync(ct => connection.Client.ExportConfigurationAsync(portal, ct));
            if (Path == null)
            {
                WriteObject(configuration);
                return;
            }

            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (NoClobber && File.Exists(full))
                throw new ZohoPortalCmdletException("ConfigurationFileExists", ErrorCategory.ResourceExists,
                    "The file '" + full + "' exists and -NoClobber was given; nothing was written.", full, "Choose another -Path, or leave out -NoClobber to replace it.");
            if (!ShouldProcess(full, "Write the configuration of portal '" + portal + "' (" + configuration.UserTypes.Count + " user types)")) return;

            if (Force && File.Exists(full))
            {
                var attributes = File.GetAttributes(full);
                if ((attributes & FileAttributes.ReadOnly) != 0) File.SetAttributes(full, attributes & ~FileAttributes.ReadOnly);
            }
            try
            {
                File.WriteAllText(full, PortalConfigurationFile.Write(configuration), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                throw new ZohoPortalCmdletException("ConfigurationFileNotWritten", ErrorCategory.WriteError, "The file '" + full + "' could not be written: " + e.Message, full,
                    e is System.UnauthorizedAccessException ? "Check the folder's permissions, or add -Force to replace a read-only file." : null);
            }
            WriteVerbose("Wrote " + configuration.UserTypes.Count + " user types of portal '" + portal + "' to " + full + ".");
            if (PassThru) WriteObject(configuration);
        }

        #endregion
    }
}
