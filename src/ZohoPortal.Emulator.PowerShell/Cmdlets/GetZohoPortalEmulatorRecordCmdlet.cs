using System.Management.Automation;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lists the CRM records of an emulated org: the contacts to invite and those already portal users.</para>
    /// <para type="description">Get-ZohoPortalEmulatorRecord returns the records of a personality module (default Contacts) of the emulator piped in, else of the one behind the current connection, oldest first. Each has Id, Module, Name, Email and IsPortalUser, and pipes straight into Send-PortalInvite. -NotPortalUser keeps only the records that can still be invited. A real org's records come from the CRM API, not from this cmdlet.</para>
    /// </summary>
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator
    /// Get-ZohoPortalEmulatorRecord -NotPortalUser | Send-PortalInvite -UserType Customers -Wait -Force -ErrorAction SilentlyContinue</code>
    /// <para>Invites every contact that is not a portal user yet; the ones without an email come back as INVALID_DATA errors, as at Zoho.</para>
    /// </example>
    /// <example>
    /// <code>@(Get-ZohoPortalEmulatorRecord | Where-Object IsPortalUser).Count</code>
    /// <para>Counts the contacts that are portal users.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "ZohoPortalEmulatorRecord")]
    [OutputType(typeof(EmulatedRecord))]
    public sealed class GetZohoPortalEmulatorRecordCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The personality module whose records to list (default Contacts).</para></summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Module { get; set; } = "Contacts";

        /// <summary><para type="description">Only the records that are not portal users yet (the ones an invitation can still go to).</para></summary>
        [Parameter]
        public SwitchParameter NotPortalUser { get; set; }

        /// <summary><para type="description">The emulator to read. Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var instance = Resolve(InputObject);
            foreach (var record in instance.Org.GetRecords(Module))
                if (!NotPortalUser || !record.IsPortalUser) WriteObject(record);
        }

        #endregion
    }
}
