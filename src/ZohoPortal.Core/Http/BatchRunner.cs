using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
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
    /// Splits ids into API-sized batches and sends them one after another. Every id ends with a
    /// result: a batch the server refused as a whole (403, 429 after retries, a dropped
    /// connection) gives each of its ids that error, and the run goes on with the next batch.
    /// Two ways to stop: <c>stopToken</c> lets the batch in flight finish and returns the results
    /// so far (a prefix of the ids), so nothing is left in an unknown state; <c>cancellationToken</c>
    /// aborts at once, the batch in flight included, and throws. The onBatch callback has by then
    /// seen every finished batch.
    /// </summary>
    internal static class BatchRunner
    {
        public static async Task<List<ZohoActionResult>> RunAsync(
            IReadOnlyList<string> ids,
            int batchSize,
            string detailKey,
            Func<List<string>, CancellationToken, Task<List<ZohoActionResult>>> send,
            Action<BatchOutcome>? onBatch,
            CancellationToken cancellationToken,
            CancellationToken stopToken = default,
            Action<int, int>? onSending = null)
        {
            var results = new List<ZohoActionResult>(ids.Count);
            for (var offset = 0; offset < ids.Count; offset += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stopToken.IsCancellationRequested) break;
                var batch = ids.Skip(offset).Take(batchSize).ToList();
                onSending?.Invoke(offset, batch.Count);
                List<ZohoActionResult> batchResults;
                try
                {
                    var items = await send(batch, cancellationToken).ConfigureAwait(false);
                    batchResults = ZohoPortalClient.MatchResults(batch, items, detailKey).ToList();
                }
                catch (Exception e) when (ItemFailures.IsCallFailure(e))
                {
                    batchResults = ItemFailures.ForEach(e, batch, detailKey);
                }
                results.AddRange(batchResults);
                onBatch?.Invoke(new BatchOutcome(offset, batch, batchResults));
            }
            return results;
        }
    }
}
