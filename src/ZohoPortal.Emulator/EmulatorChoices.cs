using System;
using System.Collections.Generic;

namespace ZohoPortal.Emulator
{
    /// <summary>
    /// Where Zoho's behaviour is not documented, the emulator's choice, in one place. Each entry
    /// is described in docs/zoho-api.md ("Choices where Zoho is silent"); change it here and there.
    /// </summary>
    public static class EmulatorChoices
    {
        /// <summary>
        /// Deactivating a user who is already inactive: Zoho documents ALREADY_ACTIVATED only for
        /// activating an active user. The emulator answers success and changes nothing (true), as
        /// an idempotent status change would. (Were it false, the emulator would refuse with
        /// ALREADY_DEACTIVATED, by analogy with ALREADY_ACTIVATED.) Fixed for the process, so that
        /// emulators running side by side in tests agree.
        /// </summary>
        public static bool DeactivatingAnInactiveUserSucceeds { get; } = true;

        /// <summary>
        /// Ids that a seed document prints in a form no real Zoho id has, mapped to the realistic id
        /// the demo org uses. Seed 002 prints the Service_Date field as 18936550000000063924
        /// (20 digits, more than a 64-bit integer holds; Zoho ids have at most 19). The emulator
        /// accepts that spelling, as a string or a JSON number, so the seed's request works
        /// verbatim, and answers with the realistic id.
        /// </summary>
        public static IReadOnlyDictionary<string, string> SeedIdSpellings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["18936550000000063924"] = "1306462000000063924",
        };

        /// <summary>The realistic id for an id as a request spelled it (unchanged unless it is a known seed spelling).</summary>
        public static string CanonicalId(string id) => SeedIdSpellings.TryGetValue(id, out var real) ? real : id;
    }
}
