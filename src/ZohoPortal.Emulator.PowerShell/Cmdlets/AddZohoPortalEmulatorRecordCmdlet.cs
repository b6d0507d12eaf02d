using System;
using System.Management.Automation;
using ZohoPortal.Emulator.Org;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Adds a CRM record (a contact, by default) to an emulated org, to invite it.</para>
    /// <para type="description">Add-ZohoPortalEmulatorRecord creates a record of a personality module (default Contacts) in the emulator piped in, else in the one behind the current connection, and returns it. Without -Email it is a record Zoho refuses to invite (INVALID_DATA); with the email of an existing portal user, an invitation fails with DUPLICATE_DATA. Tests use it to set up exactly the case they need.</para>
    /// </summary>
    /// <example>
    /// <code>$ada = Add-ZohoPortalEmulatorRecord -Name 'Ada Lovelace' -Email ada@example.com
    /// $ada | Send-PortalInvite -UserType Customers -Wait -Force</code>
    /// <para>Adds a contact, invites it and waits for the invitation job.</para>
    /// </example>
    /// <example>
    /// <code>Add-ZohoPortalEmulatorRecord -Name 'No Mail' | Send-PortalInvite -UserType Customers -Wait -Force -ErrorVariable refused -ErrorAction SilentlyContinue
    /// $refused[0].FullyQualifiedErrorId</code>
    /// <para>A contact without an email: its invitation job reports INVALID_DATA for it.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Add, "ZohoPortalEmulatorRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatedRecord))]
    public sealed class AddZohoPortalEmulatorRecordCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The record's name.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary><para type="description">The record's email; leave it out for a record that cannot be invited.</para></summary>
        [Parameter(Position = 1)]
        public string? Email { get; set; }

        /// <summary><para type="description">The personality module (default Contacts; the demo org also has Customer).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Module { get; set; } = "Contacts";

        /// <summary><para type="description">The emulator to add to. Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var instance = Resolve(InputObject);
            if (!ShouldProcess(instance.BaseUrl + " (" + Module + ")", "Add CRM record '" + Name + "'")) return;
            try
            {
                WriteObject(instance.Org.AddRecord(Name, string.IsNullOrEmpty(Email) ? null : Email, Module));
            }
            catch (ArgumentException)
            {
                Fail("NotAPersonalityModule", ErrorCategory.InvalidArgument, "Module '" + Module + "' is not a personality module of the emulated org.", Module,
                    "Use Contacts, or Customer in the demo org.");
            }
        }

        #endregion
    }
}
