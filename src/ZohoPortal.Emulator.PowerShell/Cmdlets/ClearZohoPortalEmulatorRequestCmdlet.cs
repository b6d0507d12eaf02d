using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Empties an emulator's request log.</para>
    /// <para type="description">Clear-ZohoPortalEmulatorRequest forgets every request the emulator has answered so far, so a test can count only the requests of the command under test. The org's state is not touched.</para>
    /// </summary>
    /// <example>
    /// <code>Clear-ZohoPortalEmulatorRequest
    /// Remove-Portal -WhatIf
    /// @(Get-ZohoPortalEmulatorRequest).Count   # 0: -WhatIf sent nothing</code>
    /// <para>Proves that -WhatIf sends no request.</para>
    /// </example>
    /// <example>
    /// <code>$emu | Clear-ZohoPortalEmulatorRequest</code>
    /// <para>Clears the log of a given emulator.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Clear, "ZohoPortalEmulatorRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class ClearZohoPortalEmulatorRequestCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The emulator whose log to clear. Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var instance = Resolve(InputObject);
            if (!ShouldProcess(instance.BaseUrl.ToString(), "Clear the emulator's request log")) return;
            instance.RequestLog.Clear();
        }

        #endregion
    }
}
