using System;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// How many times and how long to wait (zoho-api.md "Limits and tokens"): capped exponential backoff with jitter, or the
    /// server's Retry-After when it sends one. Whether a failure may be repeated at all is the
    /// pipeline's per-request rule (Pipeline/RepeatRule.cs).
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly object _randomGate = new object();

        public RetryPolicy(int maxRetries = 6, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, int? seed = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60);
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; }
        public TimeSpan BaseDelay { get; }
        /// <summary>Upper bound for computed backoff and for an honoured Retry-After.</summary>
        public TimeSpan MaxDelay { get; }

        /// <summary>Delay before retry number <paramref name="retry"/> (1-based).</summary>
        public TimeSpan GetDelay(int retry, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue && retryAfter.Value >= TimeSpan.Zero)
                return retryAfter.Value > MaxDelay ? MaxDelay : retryAfter.Value;
            var exponent = Math.Min(retry - 1, 20);
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
            double factor;
            lock (_randomGate) factor = 0.5 + _random.NextDouble() * 0.5;
            return TimeSpan.FromMilliseconds(ceiling * factor);
        }
    }
}
