using System;
using System.Collections.Generic;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Where each item of one run stands: sent, answered (its result), reported (written, or
    /// settled without writing), so that a stop can name every item left over with its true
    /// state. The owner numbers its items 0 to Count - 1. Safe from any thread.
    /// </summary>
    /// <remarks>Shared by the bulk user cmdlets (PortalUserBulkCmdlet) and Sync-PortalUser (SyncLedger).</remarks>
    internal sealed class StopLedger<TResult> where TResult : class
    {
        private readonly object _gate = new object();
        private readonly TResult?[] _results;
        private readonly bool[] _sent;
        private readonly bool[] _reported;

        public StopLedger(int count)
        {
            _results = new TResult?[count];
            _sent = new bool[count];
            _reported = new bool[count];
        }

        public int Count => _results.Length;

        /// <summary>True once any item has been sent.</summary>
        public bool AnySent
        {
            get { lock (_gate) return Array.IndexOf(_sent, true) >= 0; }
        }

        public void MarkSent(int index)
        {
            lock (_gate) _sent[index] = true;
        }

        /// <summary>Several items, under one lock.</summary>
        public void MarkSent(IEnumerable<int> indexes)
        {
            lock (_gate)
                foreach (var i in indexes) _sent[i] = true;
        }

        public void SetResult(int index, TResult result)
        {
            lock (_gate) _results[index] = result;
        }

        public void MarkReported(int index)
        {
            lock (_gate) _reported[index] = true;
        }

        /// <summary>A result that needs no writing: recorded and reported at once.</summary>
        public void SetReported(int index, TResult result)
        {
            lock (_gate)
            {
                _results[index] = result;
                _reported[index] = true;
            }
        }

        /// <summary>Hands every item's state (index, result or null, sent, reported) to <paramref name="visit"/>, in order, under the lock.</summary>
        public void Visit(Action<int, TResult?, bool, bool> visit)
        {
            lock (_gate)
                for (var i = 0; i < _results.Length; i++) visit(i, _results[i], _sent[i], _reported[i]);
        }
    }
}
