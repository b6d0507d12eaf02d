using System;
using System.Management.Automation;

namespace ZohoPortal.Emulator.PowerShell
{
    /// <summary>
    /// The emulator's behaviour options as parameters, shared by New-, Start- and Set-ZohoPortalEmulator.
    /// New and Start apply every value (given or default); Set applies only the ones given.
    /// </summary>
    public abstract class EmulatorBehaviourCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Simultaneous API calls the org accepts before answering 429 TOO_MANY_REQUESTS (default 15, as Zoho's Professional edition; Free 5, Standard 10, Enterprise 20, Ultimate 25).</para></summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int ConcurrencyLimit { get; set; } = 15;

        /// <summary><para type="description">Milliseconds (of the emulator's clock) a bulk-invite job stays in_progress before it completes (default 300; 0 completes jobs at once).</para></summary>
        [Parameter]
        [ValidateRange(0, 86400000)]
        public int JobDelayMilliseconds { get; set; } = 300;

        /// <summary><para type="description">Seconds an issued access token stays valid (default 3600, as Zoho). Short lifetimes let a test see token renewal.</para></summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int AccessTokenLifetimeSeconds { get; set; } = 3600;

        /// <summary><para type="description">Access tokens one refresh token may mint per 10 minutes before the token endpoint refuses (default 10, as Zoho).</para></summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int TokenMintLimit { get; set; } = 10;

        /// <summary><para type="description">When given, every 429 answer of the concurrency limit carries this Retry-After (seconds). Zoho itself sends none; 0 removes it again (Set-ZohoPortalEmulator).</para></summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int RetryAfterSeconds { get; set; }

        /// <summary><para type="description">Milliseconds of real time every API request takes (default 0), so concurrency and Ctrl+C can be observed.</para></summary>
        [Parameter]
        [ValidateRange(0, 600000)]
        public int LatencyMilliseconds { get; set; }

        /// <summary><para type="description">Behave as a Zoho sandbox org, which rejects every portal call with 400 API_NOT_SUPPORTED.</para></summary>
        [Parameter]
        public SwitchParameter Sandbox { get; set; }

        #endregion

        /// <summary>Copies the options onto <paramref name="options"/>: all of them, or only those given on the command line.</summary>
        protected void ApplyBehaviour(EmulatorOptions options, bool onlyGiven)
        {
            bool Take(string name) => !onlyGiven || MyInvocation.BoundParameters.ContainsKey(name);
            if (Take(nameof(ConcurrencyLimit))) options.ConcurrencyLimit = ConcurrencyLimit;
            if (Take(nameof(JobDelayMilliseconds))) options.JobDelay = TimeSpan.FromMilliseconds(JobDelayMilliseconds);
            if (Take(nameof(AccessTokenLifetimeSeconds))) options.AccessTokenLifetime = TimeSpan.FromSeconds(AccessTokenLifetimeSeconds);
            if (Take(nameof(TokenMintLimit))) options.TokenMintLimit = TokenMintLimit;
            if (Take(nameof(LatencyMilliseconds))) options.Latency = TimeSpan.FromMilliseconds(LatencyMilliseconds);
            if (Take(nameof(Sandbox))) options.Sandbox = Sandbox.IsPresent;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(RetryAfterSeconds)))
                options.RetryAfter = RetryAfterSeconds == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(RetryAfterSeconds);
        }
    }

    /// <summary>Behaviour plus what the emulated org starts with: New- and Start-ZohoPortalEmulator.</summary>
    public abstract class EmulatorFactoryCmdlet : EmulatorBehaviourCmdlet
    {
        #region Parameters

        /// <summary><para type="description">Existing portal users in each of the two seeded user types, Customers and Partners (0 to 100,000; default 25). About one in ten is unconfirmed and some are deactivated.</para></summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int UsersPerUserType { get; set; } = 25;

        /// <summary><para type="description">CRM contacts that are not portal users yet, to invite (0 to 100,000; default 200). One in 25 has no email, so inviting it fails as it would at Zoho.</para></summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int ContactCount { get; set; } = 200;

        /// <summary><para type="description">Start with an org that has no portal yet (to try New-Portal); no user types or portal users are seeded.</para></summary>
        [Parameter]
        public SwitchParameter EmptyOrg { get; set; }

        /// <summary><para type="description">Seeds only the portal's default user type (Customers), no Partners: an org to import a portal configuration into.</para></summary>
        [Parameter]
        public SwitchParameter NoCustomUserTypes { get; set; }

        /// <summary><para type="description">The first seven digits of every id of the org (default 1306462, the seed documents'). Two emulators with different prefixes have the same CRM modules, layouts, views and fields under different ids, as a sandbox and a production org do.</para></summary>
        [Parameter]
        [ValidatePattern("^[1-9][0-9]{6}$")]
        public string IdPrefix { get; set; } = EmulatorSeed.DefaultIdPrefix;

        #endregion

        /// <summary>A new emulated org with the options and seed sizes given.</summary>
        protected ZohoEmulator CreateEmulator()
        {
            var options = new EmulatorOptions
            {
                Seed = new EmulatorSeed
                {
                    ContactCount = ContactCount, UsersPerUserType = UsersPerUserType, PortalName = EmptyOrg ? null : "ZylkerAutos",
                    CustomUserTypes = !NoCustomUserTypes, IdPrefix = IdPrefix,
                },
            };
            ApplyBehaviour(options, onlyGiven: false);
            return new ZohoEmulator(options);
        }

        protected static Guid CurrentRunspaceId() => System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
    }
}
