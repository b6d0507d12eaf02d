using System.Management.Automation;
using ZohoPortal.Emulator.Http;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lists the requests an emulator has answered.</para>
    /// <para type="description">Get-ZohoPortalEmulatorRequest returns the emulator's request log in order: method, path, query (secret values masked), HTTP status (0 when the connection was dropped) and time. -Method and -Path narrow it down; -Path takes wildcards. Tests count requests with it to prove batching (one call per 200 users moved, for example) or that -WhatIf sent nothing.</para>
    /// </summary>
    /// <example>
    /// <code>Get-PortalUserType -Name Customers | Get-PortalUser | Move-PortalUser -Destination Partners
    /// @(Get-ZohoPortalEmulatorRequest -Method POST -Path '*/users/action/transfer').Count</code>
    /// <para>Counts the transfer calls a move cost.</para>
    /// </example>
    /// <example>
    /// <code>Get-ZohoPortalEmulatorRequest | Where-Object Status -ge 400</code>
    /// <para>Lists every request that was answered with an error.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "ZohoPortalEmulatorRequest")]
    [OutputType(typeof(RequestLogEntry))]
    public sealed class GetZohoPortalEmulatorRequestCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Only requests with this HTTP method.</para></summary>
        [Parameter(Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "DELETE", IgnoreCase = true)]
        public string? Method { get; set; }

        /// <summary><para type="description">Only requests whose path matches this wildcard pattern, for example '*/users' or '/crm/v8/settings/portals*'.</para></summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary><para type="description">The emulator whose log to read. Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var instance = Resolve(InputObject);
            var pattern = Path == null ? null : new WildcardPattern(Path, WildcardOptions.IgnoreCase);
            foreach (var entry in instance.RequestLog.Entries)
            {
                if (Method != null && !string.Equals(entry.Method, Method, System.StringComparison.OrdinalIgnoreCase)) continue;
                if (pattern != null && !pattern.IsMatch(entry.Path)) continue;
                WriteObject(entry);
            }
        }

        #endregion
    }
}
