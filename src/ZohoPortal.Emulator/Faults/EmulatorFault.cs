using System;

namespace ZohoPortal.Emulator.Faults
{
    /// <summary>The failures the emulator can be told to produce.</summary>
    public enum FaultKind
    {
        /// <summary>429 TOO_MANY_REQUESTS (with Retry-After when <see cref="EmulatorFault.RetryAfter"/> is set).</summary>
        TooManyRequests,
        /// <summary>500 INTERNAL_ERROR.</summary>
        InternalError,
        /// <summary>503 with an HTML-ish body, as a load balancer would send.</summary>
        ServiceUnavailable,
        /// <summary>The connection is dropped without an answer.</summary>
        ConnectionReset,
        /// <summary>The answer is held back for <see cref="EmulatorFault.Delay"/> (real time), then given normally.</summary>
        Delay,
        /// <summary>The normal answer with its JSON body cut in half.</summary>
        TruncatedJson,
        /// <summary>Every access token issued so far expires now; the request then meets 401 INVALID_TOKEN.</summary>
        ExpireToken,
        /// <summary>The answer's status and headers arrive, then the body stops half-way and the connection drops.</summary>
        CutBody,
    }

    /// <summary>A fault to inject into the next <see cref="Count"/> matching requests.</summary>
    public sealed class EmulatorFault
    {
        public EmulatorFault() { }

        public EmulatorFault(FaultKind kind, int count = 1)
        {
            Kind = kind;
            Count = count;
        }

        public FaultKind Kind { get; set; }
        /// <summary>How many matching requests get the fault.</summary>
        public int Count { get; set; } = 1;
        /// <summary>Only requests whose path contains this text (null: every /crm/ API request).</summary>
        public string? PathContains { get; set; }
        /// <summary>Only requests with this HTTP method (null: any).</summary>
        public string? Method { get; set; }
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>
        /// Lose the answer after acting: the request is carried out (users moved, invites sent),
        /// then the answer is lost as <see cref="Kind"/> says (reset, cut body, 500/503 instead of
        /// the real answer, truncated JSON, or held back for <see cref="Delay"/>, beyond a client's
        /// timeout). False (the default) fails before anything is done. Meaningless for
        /// TooManyRequests and ExpireToken, which always come first.
        /// </summary>
        public bool AfterActing { get; set; }
        public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Faults still to be injected.</summary>
        public int Remaining { get; internal set; }

        public override string ToString() => Kind + (AfterActing ? " after acting" : string.Empty) + " x" + Count + (PathContains == null ? string.Empty : " on *" + PathContains + "*");
    }
}
