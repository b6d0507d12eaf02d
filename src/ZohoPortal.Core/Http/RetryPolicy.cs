using System;
using System.Net.Http;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// Decides whether a failed attempt is tried again and how long to wait (D15): capped
    /// exponential backoff with jitter, or the server's Retry-After when it sends one.
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

        /// <summary>
        /// 429 and 502/503/504 mean the request was not processed, so any method is retried.
        /// A 500 or a broken connection may have happened after Zoho acted, so only requests that are
        /// safe to repeat are retried; a POST (transfer, invite, create) surfaces the error instead of
        /// risking doing the work twice.
        /// </summary>
        public static bool IsRetryableStatus(int status, HttpMethod method)
        {
            if (status == 429 || status == 502 || status == 503 || status == 504) return true;
            return status == 500 && IsIdempotent(method);
        }

        public static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post;

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
