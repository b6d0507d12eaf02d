using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    /// <summary>
    /// What the user calls do once the answer to a change was lost (ZohoOutcomeUnknownException):
    /// read the state the change was meant to produce, report each user by what the read shows,
    /// and send again only for users the read shows untouched, so no change is ever applied twice
    /// and no repeat's "already so" / "not found" answer is taken for the user's result.
    /// See docs/reliability.md.
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>Times a change is sent again for users a read showed untouched, after lost answers.</summary>
        internal const int MaxResendsAfterLostAnswer = 2;

        /// <summary>After a timeout, how long to wait before a read showing "not done" is believed (the connection's timeout, at most 2 minutes).</summary>
        internal TimeSpan SettleTimeAfterTimeout => Options.RequestTimeout < TimeSpan.FromMinutes(2) ? Options.RequestTimeout : TimeSpan.FromMinutes(2);

        /// <summary>Which of <paramref name="ids"/> are users of the user type now (and their state).</summary>
        internal async Task<Dictionary<string, PortalUser>> ReadUsersAsync(string portal, string userTypeId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var found = new Dictionary<string, PortalUser>(StringComparer.Ordinal);
            var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
            await ListUsersAsync(portal, userTypeId, new PortalUserQuery { PersonalityIds = ids.ToList() }, page =>
            {
                foreach (var user in page)
                    if (wanted.Contains(user.PersonalityId)) found[user.PersonalityId] = user;
            }, cancellationToken).ConfigureAwait(false);
            return found;
        }

        /// <summary>
        /// Sends one batch change; after a lost answer, reads <paramref name="check"/> to learn which
        /// users it took effect for, and sends again only for the others (at most
        /// <see cref="MaxResendsAfterLostAnswer"/> times). One result per id, in order.
        /// </summary>
        internal async Task<List<ZohoActionResult>> SendVerifiedAsync(
            IReadOnlyList<string> batch,
            Func<IReadOnlyList<string>, CancellationToken, Task<List<ZohoActionResult>>> send,
            Func<IReadOnlyList<string>, CancellationToken, Task<HashSet<string>>> check,
            string what, string doneMessage, CancellationToken cancellationToken, int round = 0)
        {
            try
            {
                return MatchResults(batch.ToList(), await send(batch, cancellationToken).ConfigureAwait(false), "personality_id").ToList();
            }
            catch (ZohoOutcomeUnknownException lost)
            {
                TraceVerbose(what + " for " + batch.Count + " users: the answer was lost (" + lost.CauseCode + "); reading their state before anything is sent again.");
                HashSet<string> done;
                try
                {
                    done = await ReadStateAsync(batch, check, what, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (ItemFailures.IsCallFailure(e))
                {
                    TraceVerbose(what + ": reading the state failed too (" + e.Message + "); " + batch.Count + " users are reported with outcome unknown.");
                    return batch.Select(id => OutcomeUnknown(id, lost, e)).ToList();
                }
                var untouched = batch.Where(id => !done.Contains(id)).ToList();
                if (untouched.Count > 0 && lost.TimedOut)
                {
                    // No answer in time: Zoho may still be working on it. Give it that long again before believing "not done".
                    var settle = SettleTimeAfterTimeout;
                    TraceVerbose(what + ": " + untouched.Count + " users show no change yet after a timeout; reading again in " + settle.TotalSeconds + " s in case Zoho is still at work.");
                    try
                    {
                        await Options.Clock.Delay(settle, cancellationToken).ConfigureAwait(false);
                        var later = await ReadStateAsync(untouched, check, what, cancellationToken).ConfigureAwait(false);
                        foreach (var id in later) done.Add(id);
                        untouched = batch.Where(id => !done.Contains(id)).ToList();
                    }
                    catch (Exception e) when (ItemFailures.IsCallFailure(e))
                    {
                        return batch.Select(id => done.Contains(id) ? Confirmed(id, doneMessage) : OutcomeUnknown(id, lost, e)).ToList();
                    }
                }
                var resend = untouched.Count > 0 && round < MaxResendsAfterLostAnswer;
                TraceVerbose(what + ": read back, " + (batch.Count - untouched.Count) + " of " + batch.Count + " users are done"
                    + (untouched.Count == 0 ? "." : resend ? "; sending again for the other " + untouched.Count + " (the read shows Zoho did not act for them)." : "; " + untouched.Count + " are not, and are reported as such."));
                var byId = new Dictionary<string, ZohoActionResult>(StringComparer.Ordinal);
                foreach (var id in batch.Where(done.Contains)) byId[id] = Confirmed(id, doneMessage);
                if (untouched.Count > 0)
                {
                    List<ZohoActionResult> again;
                    try
                    {
                        again = resend
                            ? await SendVerifiedAsync(untouched, send, check, what, doneMessage, cancellationToken, round + 1).ConfigureAwait(false)
                            : untouched.Select(id => NotDone(id, lost)).ToList();
                    }
                    catch (Exception e) when (ItemFailures.IsCallFailure(e))
                    {
                        // The repeat was refused as a whole: that is the answer for the users it carried, not for those already done.
                        again = ItemFailures.ForEach(e, untouched, "personality_id");
                    }
                    for (var i = 0; i < untouched.Count; i++) byId[untouched[i]] = again[i];
                }
                return batch.Select(id => byId[id]).ToList();
            }
        }

        /// <summary>
        /// The read that settles a lost answer is worth more persistence than an ordinary call: when
        /// it fails after its own retries, it is tried once more after a pause.
        /// </summary>
        private async Task<HashSet<string>> ReadStateAsync(IReadOnlyList<string> batch,
            Func<IReadOnlyList<string>, CancellationToken, Task<HashSet<string>>> check, string what, CancellationToken cancellationToken)
        {
            try
            {
                return await check(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ItemFailures.IsCallFailure(e))
            {
                var pause = Options.RetryPolicy.GetDelay(Options.RetryPolicy.MaxRetries + 1, null);
                TraceVerbose(what + ": reading the state failed (" + e.Message + "); reading once more in " + pause.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s.");
                await Options.Clock.Delay(pause, cancellationToken).ConfigureAwait(false);
                return await check(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        internal static ZohoActionResult Confirmed(string id, string message) => new ZohoActionResult
        {
            Code = "SUCCESS",
            Status = "success",
            Message = message + " (confirmed by reading the state after the answer was lost)",
            Details = new Dictionary<string, string?> { ["personality_id"] = id, ["verified_after_lost_answer"] = "true" },
            HttpStatus = 200,
        };

        internal static ZohoActionResult NotDone(string id, ZohoOutcomeUnknownException lost) =>
            ItemFailures.Failed(id, "personality_id", lost.CauseCode,
                "Not done: the answer was lost (" + lost.CauseMessage + ") and reading the state afterwards shows the change did not take effect.", null, lost.HttpStatus);

        internal static ZohoActionResult OutcomeUnknown(string id, ZohoOutcomeUnknownException lost, Exception? readFailure) =>
            ItemFailures.Failed(id, "personality_id", ZohoOutcomeUnknownException.OutcomeUnknownCode,
                lost.Message + (readFailure == null ? string.Empty : " Reading the state afterwards failed too: " + readFailure.Message), null, lost.HttpStatus);

        private void TraceVerbose(string message)
        {
            var tracer = Options.Tracer;
            if (tracer != null && tracer.IsEnabled(ZohoTraceLevel.Verbose)) tracer.Write(ZohoTraceLevel.Verbose, Http.Redact(message));
        }
    }
}
