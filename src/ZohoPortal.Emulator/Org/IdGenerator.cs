using System.Threading;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>Issues 19-digit numeric ids in Zoho's style, above the ids used by the seed documents so both can coexist.</summary>
    internal sealed class IdGenerator
    {
        private long _base = 1306462000010000000;
        private long _next;

        /// <summary>Issues ids starting with these seven digits (the seed's IdPrefix); call before the first id.</summary>
        public void UsePrefix(string prefix) => _base = long.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000_000_000L + 10_000_000L;

        public string Next() => (_base + Interlocked.Increment(ref _next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
