using System;
using System.Linq;
using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell
{
    /// <summary>
    /// Base of the companion's cmdlets: error records with stable ids, and finding the emulator a
    /// command is about (the one given, else the one behind the current ZohoPortal connection).
    /// </summary>
    public abstract class EmulatorCmdlet : PSCmdlet
    {
        /// <summary>Stops the command with an error that names what went wrong and what to do.</summary>
        protected void Fail(string errorId, ErrorCategory category, string message, object? target, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
            if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            ThrowTerminatingError(record);
        }

        /// <summary>A non-terminating error with a stable id.</summary>
        protected void Report(string errorId, ErrorCategory category, string message, object? target)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, category, target));
        }

        /// <summary>The runspace's current ZohoPortal connection, or null (not connected, or ZohoPortal not loaded).</summary>
        protected object? CurrentConnection()
        {
            if (InvokeCommand.GetCommand("ZohoPortal\\Get-ZohoPortalConnection", CommandTypes.Cmdlet) == null) return null;
            var output = InvokeCommand.InvokeScript("ZohoPortal\\Get-ZohoPortalConnection");
            return output.Select(o => o?.BaseObject).FirstOrDefault(o => o != null);
        }

        /// <summary>
        /// <paramref name="given"/>, else the emulator behind the current connection; stops with
        /// EmulatorNotFound when there is none.
        /// </summary>
        protected EmulatorInstance Resolve(EmulatorInstance? given)
        {
            if (given != null) return given;
            var found = EmulatorRegistry.ForConnection(CurrentConnection());
            if (found == null)
                Fail("EmulatorNotFound", ErrorCategory.ObjectNotFound,
                    "The current ZohoPortal connection is not to an emulator (or there is no connection).", null,
                    "Connect with Connect-ZohoPortal -Emulator (or New-ZohoPortalEmulator | Connect-ZohoPortal), or pass the emulator with -InputObject.");
            return found!;
        }
    }
}
