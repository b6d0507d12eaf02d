using System;
using System.Collections.Generic;

namespace ZohoPortal.Emulator.Faults
{
    /// <summary>
    /// Faults drawn at random for requests no queued fault matches: each matching request fails
    /// with probability <see cref="Rate"/>, with a kind and timing (before or after acting) drawn
    /// from <see cref="Choices"/>. Seeded, so a failing soak run can be replayed.
    /// </summary>
    public sealed class RandomFaults
    {
        private readonly object _gate = new object();
        private readonly Random _random;

        public RandomFaults(double rate, int seed)
        {
            if (rate < 0 || rate > 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Rate must be between 0 and 1.");
            Rate = rate;
            _random = new Random(seed);
        }

        /// <summary>Share of matching requests that fail.</summary>
        public double Rate { get; }
        /// <summary>The faults to choose from, equally likely. Empty: a mix of every kind, before and after acting.</summary>
        public List<EmulatorFault> Choices { get; } = new List<EmulatorFault>();
        /// <summary>Also fault the token endpoint (/oauth/...), with before-acting kinds only.</summary>
        public bool IncludeTokenEndpoint { get; set; }
        /// <summary>Faults injected so far, per kind and timing (e.g. "CutBody after acting").</summary>
        public Dictionary<string, int> Injected { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

        internal EmulatorFault? Draw(string path)
        {
            var token = path.StartsWith("/oauth/", StringComparison.Ordinal);
            if (token ? !IncludeTokenEndpoint : !path.StartsWith("/crm/", StringComparison.Ordinal)) return null;
            lock (_gate)
            {
                if (_random.NextDouble() >= Rate) return null;
                var choices = Choices.Count > 0 ? Choices : DefaultMix;
                EmulatorFault pick;
                do pick = choices[_random.Next(choices.Count)];
                while (token && (pick.AfterActing || pick.Kind == FaultKind.ExpireToken));
                var key = pick.ToString().Replace(" x" + pick.Count, string.Empty);
                Injected[key] = Injected.TryGetValue(key, out var n) ? n + 1 : 1;
                return pick;
            }
        }

        private static readonly List<EmulatorFault> DefaultMix = BuildDefaultMix();

        private static List<EmulatorFault> BuildDefaultMix()
        {
            var mix = new List<EmulatorFault>
            {
                new EmulatorFault(FaultKind.TooManyRequests),
                new EmulatorFault(FaultKind.ExpireToken),
            };
            foreach (var kind in new[] { FaultKind.InternalError, FaultKind.ServiceUnavailable, FaultKind.ConnectionReset })
                mix.Add(new EmulatorFault(kind));
            foreach (var kind in new[] { FaultKind.InternalError, FaultKind.ServiceUnavailable, FaultKind.ConnectionReset, FaultKind.CutBody, FaultKind.TruncatedJson, FaultKind.Delay })
                mix.Add(new EmulatorFault(kind) { AfterActing = true, Delay = TimeSpan.FromMinutes(10) });
            return mix;
        }
    }
}
