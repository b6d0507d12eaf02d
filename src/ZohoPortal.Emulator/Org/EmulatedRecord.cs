namespace ZohoPortal.Emulator.Org
{
    /// <summary>A copy of one CRM record of the emulated org, as it was when read.</summary>
    public sealed class EmulatedRecord
    {
        public string Id { get; set; } = string.Empty;
        public string Module { get; set; } = "Contacts";
        public string Name { get; set; } = string.Empty;
        public string? Email { get; set; }
        /// <summary>True when the record was already a portal user when read.</summary>
        public bool IsPortalUser { get; set; }

        public override string ToString() => Name + " (" + Id + ")";
    }
}
