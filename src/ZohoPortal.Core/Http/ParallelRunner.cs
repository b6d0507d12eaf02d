using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// Runs independent one-item calls with at most a fixed number in flight, handing results to
    /// a callback in input order (a result waits for the ones before it; the calls themselves
    /// never wait for each other). Items are started in input order, so when <c>stopToken</c>
    /// fires the ones never started are exactly the tail of the list; calls in flight finish.
    /// <c>cancellationToken</c> aborts the calls in flight too: their results stay null.
    /// </summary>
    /// <remarks>The module's one scheduler of parallel calls (status changes, bulk-invite requests); the pipeline's gate caps the wire.</remarks>
    internal static class ParallelRunner
    {
        public static async Task<T?[]> RunAsync<T>(
            int count,
            int maxInFlight,
            Func<int, CancellationToken, Task<T>> send,
            Action<int, T>? onResult,
            CancellationToken cancellationToken,
            CancellationToken stopToken,
            Action<int>? onStarting = null)
            where T : class
        {
            if (maxInFlight < 1) throw new ArgumentOutOfRangeException(nameof(maxInFlight));
            var results = new T?[count];
            var gate = new object();
            var next = -1;
            var delivered = 0;

            void Deliver()
            {
                // Called under the gate: hand over every result whose predecessors are all known.
                while (delivered < count && results[delivered] != null)
                {
                    onResult?.Invoke(delivered, results[delivered]!);
                    delivered++;
                }
            }

            async Task Worker()
            {
                while (!stopToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= count) return;
                    onStarting?.Invoke(index);
                    T result;
                    try
                    {
                        result = await send(index, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }
                    lock (gate)
                    {
                        results[index] = result;
                        Deliver();
                    }
                }
            }

            var workers = new List<Task>();
            // Started on the caller's thread, one after another, so calls go out in input order (job lists, logs and stops follow it).
            for (var i = 0; i < Math.Min(count, maxInFlight); i++) workers.Add(Worker());
            await Task.WhenAll(workers).ConfigureAwait(false);

            lock (gate)
            {
                // After an abort some results may sit behind a call that never finished: hand them over too.
                for (var i = delivered; i < count; i++)
                    if (results[i] != null) onResult?.Invoke(i, results[i]!);
            }
            return results;
        }
    }
}
