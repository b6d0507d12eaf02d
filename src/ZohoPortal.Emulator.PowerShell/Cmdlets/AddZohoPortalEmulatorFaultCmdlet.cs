using System;
using System.Management.Automation;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Emulator.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Schedules faults for an emulator's next matching requests.</para>
    /// <para type="description">Add-ZohoPortalEmulatorFault makes the next -Count API requests that match (-Method, -PathContains) fail the chosen way: TooManyRequests (429, with Retry-After when -RetryAfterSeconds is given), InternalError (500), ServiceUnavailable (503 with an HTML body), ConnectionReset (the connection drops before an answer), Delay (the answer is held back -DelayMilliseconds), TruncatedJson (the answer's JSON is cut in half), CutBody (the body stops half-way and the connection drops) or ExpireToken (every access token expires, so the request meets 401). With -AfterActing the request is carried out first and only its answer is lost. Faults are used in the order added; each request takes at most one. The token endpoint is only matched when -PathContains names it.</para>
    /// <para type="description">It acts on the emulator piped in (or -InputObject), else on the one behind the current connection, and returns the fault, whose Remaining count shows how many are still to come.</para>
    /// </summary>
    /// <example>
    /// <code>Connect-ZohoPortal -Emulator
    /// Add-ZohoPortalEmulatorFault -Kind TooManyRequests -Count 2
    /// Get-Portal -Verbose</code>
    /// <para>The first two calls are throttled; the Verbose lines show the client retrying until the third answers.</para>
    /// </example>
    /// <example>
    /// <code>Add-ZohoPortalEmulatorFault -Kind ConnectionReset -Method POST -PathContains '/users/action/transfer'</code>
    /// <para>The next transfer call loses its connection: Move-PortalUser reports the users of that batch as not known to have moved, and does not repeat the POST.</para>
    /// </example>
    /// <example>
    /// <code>Add-ZohoPortalEmulatorFault -Kind Delay -DelayMilliseconds 5000 -PathContains '/settings/portals'</code>
    /// <para>Holds back the next portal answer for five seconds, to try -RequestTimeoutSec of Connect-ZohoPortal.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Add, "ZohoPortalEmulatorFault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmulatorFault))]
    public sealed class AddZohoPortalEmulatorFaultCmdlet : EmulatorCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The kind of fault: TooManyRequests, InternalError, ServiceUnavailable, ConnectionReset, Delay, TruncatedJson or ExpireToken.</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        public FaultKind Kind { get; set; }

        /// <summary><para type="description">How many matching requests get the fault (default 1).</para></summary>
        [Parameter(Position = 1)]
        [ValidateRange(1, 100000)]
        public int Count { get; set; } = 1;

        /// <summary><para type="description">Only requests with this HTTP method (GET, POST, PUT, DELETE); default any.</para></summary>
        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "DELETE", IgnoreCase = true)]
        public string? Method { get; set; }

        /// <summary><para type="description">Only requests whose path contains this text (for example '/users' or '/actions/portal_invite'); default every /crm/ API request.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PathContains { get; set; }

        /// <summary><para type="description">TooManyRequests only: the Retry-After the 429 answers carry, in seconds (Zoho sends none).</para></summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RetryAfterSeconds { get; set; }

        /// <summary><para type="description">Delay only: how long the answer is held back, in milliseconds of real time (default 1000).</para></summary>
        [Parameter]
        [ValidateRange(1, 600000)]
        public int DelayMilliseconds { get; set; } = 1000;

        /// <summary><para type="description">Carry the request out first, then lose its answer the chosen way (ConnectionReset, CutBody, InternalError, ServiceUnavailable, TruncatedJson, or Delay beyond the client's timeout), as a network or gateway failing after Zoho acted would. Without it the fault comes before anything is done.</para></summary>
        [Parameter]
        public SwitchParameter AfterActing { get; set; }

        /// <summary><para type="description">The emulator to add the fault to. Default: the one behind the current connection.</para></summary>
        [Parameter(ValueFromPipeline = true)]
        public EmulatorInstance? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(RetryAfterSeconds)) && Kind != FaultKind.TooManyRequests)
                Fail("RetryAfterNeedsTooManyRequests", ErrorCategory.InvalidArgument, "-RetryAfterSeconds applies only to -Kind TooManyRequests.", Kind);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(DelayMilliseconds)) && Kind != FaultKind.Delay)
                Fail("DelayNeedsDelayKind", ErrorCategory.InvalidArgument, "-DelayMilliseconds applies only to -Kind Delay.", Kind);
            var instance = Resolve(InputObject);
            var fault = new EmulatorFault(Kind, Count)
            {
                Method = Method?.ToUpperInvariant(),
                PathContains = PathContains,
                RetryAfter = RetryAfterSeconds > 0 ? TimeSpan.FromSeconds(RetryAfterSeconds) : (TimeSpan?)null,
                Delay = TimeSpan.FromMilliseconds(DelayMilliseconds),
                AfterActing = AfterActing.IsPresent,
            };
            if (!ShouldProcess(instance.BaseUrl.ToString(), "Schedule fault " + fault)) return;
            WriteObject(instance.Faults.Add(fault));
        }

        #endregion
    }
}
