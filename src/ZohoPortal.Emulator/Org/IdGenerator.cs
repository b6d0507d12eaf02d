using System.Threading;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>Issues 19-digit numeric ids in Zoho's style, above the ids used by the seed documents so both can coexist.</summary>
    internal sealed class IdGenerator
    {
        private const long Base = 1306462000010000000;
        private long _next;

        public string Next() => (Base + Interlocked.Increment(ref _next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
