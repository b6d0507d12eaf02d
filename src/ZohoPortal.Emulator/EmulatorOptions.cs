using System;

namespace ZohoPortal.Emulator
{
    /// <summary>What the emulated org starts with. Every number is a documented option of Connect-ZohoPortal -Emulator and Start-ZohoPortalEmulator.</summary>
    public sealed class EmulatorSeed
    {
        /// <summary>Name of the portal the demo org starts with; null or empty starts with no portal.</summary>
        public string? PortalName { get; set; } = "ZylkerAutos";
        /// <summary>CRM contacts that are not portal users yet (invitation candidates). About one in 25 has no email.</summary>
        public int ContactCount { get; set; } = 200;
        /// <summary>Existing portal users in each seeded user type (0 to 100,000).</summary>
        public int UsersPerUserType { get; set; } = 25;
        /// <summary>
        /// True (the default) seeds the custom user type Partners beside the portal's default type;
        /// false starts the portal with its default user type only (an org to import a configuration into).
        /// </summary>
        public bool CustomUserTypes { get; set; } = true;
        /// <summary>
        /// The first seven digits of every id the org holds: modules, layouts, views, fields, records,
        /// user types. Two emulators with different prefixes have the same CRM modules, layouts and
        /// fields under different ids, as a sandbox and a production org do.
        /// </summary>
        public string IdPrefix { get; set; } = DefaultIdPrefix;

        /// <summary>The prefix of the ids in the seed documents.</summary>
        public const string DefaultIdPrefix = "1306462";

        internal void Validate()
        {
            if (IdPrefix == null || IdPrefix.Length != 7 || IdPrefix[0] == '0' || !System.Linq.Enumerable.All(IdPrefix, c => c >= '0' && c <= '9'))
                throw new ArgumentOutOfRangeException(nameof(IdPrefix), IdPrefix, "IdPrefix must be seven digits, not starting with 0.");
            if (ContactCount < 0 || ContactCount > 100_000) throw new ArgumentOutOfRangeException(nameof(ContactCount), ContactCount, "ContactCount must be between 0 and 100000.");
            if (UsersPerUserType < 0 || UsersPerUserType > 100_000) throw new ArgumentOutOfRangeException(nameof(UsersPerUserType), UsersPerUserType, "UsersPerUserType must be between 0 and 100000.");
        }
    }

    /// <summary>How the emulator behaves.</summary>
    public sealed class EmulatorOptions
    {
        public EmulatorSeed Seed { get; set; } = new EmulatorSeed();

        /// <summary>Simultaneous requests the org accepts before answering 429 (zoho-api.md "Limits and tokens"; Zoho Professional edition: 15).</summary>
        public int ConcurrencyLimit { get; set; } = 15;
        /// <summary>When set, 429 answers carry this Retry-After (Zoho itself sends none).</summary>
        public TimeSpan? RetryAfter { get; set; }
        /// <summary>Emulated processing time of every API request (real time), so concurrency can be observed.</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>Lifetime of issued access tokens (Zoho: one hour).</summary>
        public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
        /// <summary>Access tokens one refresh token may mint per <see cref="TokenMintWindow"/> (Zoho: 10 per 10 minutes).</summary>
        public int TokenMintLimit { get; set; } = 10;
        public TimeSpan TokenMintWindow { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How long a device code (and its user code) stays valid (Zoho: 5 minutes).</summary>
        public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);
        /// <summary>The device flow's polling interval: polls closer together hear slow_down (Zoho: one poll per 30 seconds).</summary>
        public TimeSpan DevicePollInterval { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>The interval the emulator tells the device, when not <see cref="DevicePollInterval"/>: set it shorter to see a device hear slow_down.</summary>
        public TimeSpan? DevicePollIntervalAnnounced { get; set; }

        /// <summary>Emulated time a bulk-invite job stays in progress (zoho-api.md "Invitations"); zero completes jobs at once.</summary>
        public TimeSpan JobDelay { get; set; } = TimeSpan.FromMilliseconds(300);

        /// <summary>The emulator's clock (token expiry, job completion); tests substitute a fake one.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// How the emulator holds an answer back (the Delay fault): real time by default. Tests
        /// sharing a fake clock with the client pass that clock's delay, so a delay beyond the
        /// client's timeout fires the client's timer without anyone sleeping.
        /// </summary>
        public Func<TimeSpan, System.Threading.CancellationToken, System.Threading.Tasks.Task> Wait { get; set; } =
            (delay, ct) => System.Threading.Tasks.Task.Delay(delay, ct);

        /// <summary>Emulates a sandbox org, where Zoho rejects every portal call with 400 API_NOT_SUPPORTED (zoho-api.md "Answers and errors").</summary>
        public bool Sandbox { get; set; }

        /// <summary>Base URL the in-process handler answers as (and announces as api_domain).</summary>
        public Uri BaseUrl { get; set; } = new Uri("https://emulator.zohoportal.test");
    }
}
