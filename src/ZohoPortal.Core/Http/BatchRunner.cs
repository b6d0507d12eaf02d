using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Http
{
    /// <summary>The outcome of one batch call: the ids sent and one result per id, in the same order.</summary>
    public sealed class BatchOutcome
    {
        internal BatchOutcome(int offset, IReadOnlyList<string> ids, IReadOnlyList<ZohoActionResult> results)
        {
            Offset = offset;
            Ids = ids;
            Results = results;
        }

        /// <summary>Position of the batch's first id in the whole list.</summary>
        public int Offset { get; }
        public IReadOnlyList<string> Ids { get; }
        public IReadOnlyList<ZohoActionResult> Results { get; }
    }

    /// <summary>
    /// Splits ids into API-sized batches and sends them concurrently through
    /// <see cref="ParallelRunner"/> (started in input order, at most <c>maxInFlight</c> at once),
    /// handing each finished batch to onBatch in input order. Every id ends with a result:
    /// <c>send</c> turns a batch refused as a whole into one error per id. Two ways to stop:
    /// <c>stopToken</c> starts no further batch, lets the ones in flight finish and returns the
    /// results so far (a prefix of the ids, since batches start in order and every started one
    /// finishes); <c>cancellationToken</c> aborts the batches in flight too, and throws.
    /// </summary>
    internal static class BatchRunner
    {
        public static async Task<List<ZohoActionResult>> RunAsync(
            IReadOnlyList<string> ids,
            int batchSize,
            int maxInFlight,
            Func<IReadOnlyList<string>, CancellationToken, Task<List<ZohoActionResult>>> send,
            Action<BatchOutcome>? onBatch,
            CancellationToken cancellationToken,
            CancellationToken stopToken = default,
            Action<int, int>? onSending = null)
        {
            var batches = new List<(int Offset, IReadOnlyList<string> Ids)>();
            for (var offset = 0; offset < ids.Count; offset += batchSize)
                batches.Add((offset, ids.Skip(offset).Take(batchSize).ToList()));
            var outcomes = await ParallelRunner.RunAsync(batches.Count, maxInFlight,
                async (i, ct) => new BatchOutcome(batches[i].Offset, batches[i].Ids, await send(batches[i].Ids, ct).ConfigureAwait(false)),
                (i, outcome) => onBatch?.Invoke(outcome), cancellationToken, stopToken,
                i => onSending?.Invoke(batches[i].Offset, batches[i].Ids.Count)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return outcomes.TakeWhile(o => o != null).SelectMany(o => o!.Results).ToList();
        }
    }
}
