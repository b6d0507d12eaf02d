using System;
using System.Collections.Generic;

namespace ZohoPortal.Emulator.Faults
{
    /// <summary>The queue of faults to inject, consumed in order by matching requests.</summary>
    public sealed class FaultInjector
    {
        private readonly object _gate = new object();
        private readonly List<EmulatorFault> _pending = new List<EmulatorFault>();

        /// <summary>Queues a fault.</summary>
        public EmulatorFault Add(EmulatorFault fault)
        {
            if (fault == null) throw new ArgumentNullException(nameof(fault));
            if (fault.Count < 1) throw new ArgumentOutOfRangeException(nameof(fault), "Count must be at least 1.");
            fault.Remaining = fault.Count;
            lock (_gate) _pending.Add(fault);
            return fault;
        }

        /// <summary>Queues <paramref name="count"/> faults of one kind for every API request (handy from PowerShell).</summary>
        public EmulatorFault Add(FaultKind kind, int count = 1, string? pathContains = null) =>
            Add(new EmulatorFault(kind, count) { PathContains = pathContains });

        public void Clear()
        {
            lock (_gate) _pending.Clear();
            Random = null;
        }

        /// <summary>Random faults for requests no queued fault matches (null: none). Used by soak tests.</summary>
        public RandomFaults? Random { get; set; }

        /// <summary>Faults not yet used up.</summary>
        public int Pending
        {
            get { lock (_gate) return _pending.Count; }
        }

        internal EmulatorFault? Take(string method, string path)
        {
            lock (_gate)
            {
                for (var i = 0; i < _pending.Count; i++)
                {
                    var fault = _pending[i];
                    if (fault.Method != null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                    if (fault.PathContains != null ? path.IndexOf(fault.PathContains, StringComparison.OrdinalIgnoreCase) < 0
                                                   : !path.StartsWith("/crm/", StringComparison.Ordinal)) continue;
                    fault.Remaining--;
                    if (fault.Remaining <= 0) _pending.RemoveAt(i);
                    return fault;
                }
            }
            return Random?.Draw(path);
        }
    }
}
