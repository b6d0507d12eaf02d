using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Membership
{
    /// <summary>
    /// Where every change of one applied sync stands (declined, sent, answered, written), so a
    /// stop can name each one left over: not run, sent with its outcome unknown, or answered but
    /// not written. Steps that change nothing are not counted. Safe from any thread.
    /// </summary>
    internal sealed class SyncLedger
    {
        private readonly List<PortalUserSyncStep> _steps;
        private readonly Dictionary<PortalUserSyncStep, int> _index = new Dictionary<PortalUserSyncStep, int>();
        private readonly StopLedger<PortalUserSyncResult> _state;

        public SyncLedger(IEnumerable<PortalUserSyncStep> steps)
        {
            // Steps are matched by reference: the results the core hands back carry the very step objects given.
            _steps = steps.Where(s => s != null && s.IsChange).ToList();
            for (var i = 0; i < _steps.Count; i++) _index[_steps[i]] = i;
            _state = new StopLedger<PortalUserSyncResult>(_steps.Count);
        }

        public int Count => _steps.Count;

        /// <summary>True once any change has been sent.</summary>
        public bool AnySent => _state.AnySent;

        public void MarkSent(IEnumerable<PortalUserSyncStep> steps) => _state.MarkSent(Indexes(steps));

        /// <summary>Declined steps (the user said no, or -WhatIf) are settled: nothing was sent for them.</summary>
        public void MarkDeclined(IEnumerable<PortalUserSyncStep> steps)
        {
            foreach (var i in Indexes(steps)) _state.MarkReported(i);
        }

        public void SetResult(PortalUserSyncResult result)
        {
            if (result.Step != null && _index.TryGetValue(result.Step, out var i)) _state.SetResult(i, result);
        }

        public void MarkReported(PortalUserSyncStep? step)
        {
            if (step != null && _index.TryGetValue(step, out var i)) _state.MarkReported(i);
        }

        /// <summary>The ledger's numbers of the steps it counts (changes), in the order given.</summary>
        private List<int> Indexes(IEnumerable<PortalUserSyncStep> steps)
        {
            var indexes = new List<int>();
            foreach (var step in steps)
                if (_index.TryGetValue(step, out var i)) indexes.Add(i);
            return indexes;
        }

        /// <summary>
        /// Changes never sent (NotRun, or no result and not sent), changes sent whose outcome is not
        /// known (no answer, OutcomeUnknown or InProgress not written), and other answers not written.
        /// </summary>
        public (List<string> NotRun, List<string> SentOutcomeUnknown, List<ZohoActionResult> Unwritten) LeftOver()
        {
            var notRun = new List<string>();
            var sent = new List<string>();
            var unwritten = new List<ZohoActionResult>();
            _state.Visit((i, result, wasSent, reported) =>
            {
                var id = _steps[i].PersonalityId;
                if (result?.Outcome == PortalUserSyncOutcome.NotRun) notRun.Add(id);
                else if (reported) return;
                else if (result == null) (wasSent ? sent : notRun).Add(id);
                else if (result.Outcome == PortalUserSyncOutcome.OutcomeUnknown || result.Outcome == PortalUserSyncOutcome.InProgress) sent.Add(id);
                else unwritten.Add(AsAction(result));
            });
            return (notRun, sent, unwritten);
        }

        private static ZohoActionResult AsAction(PortalUserSyncResult result)
        {
            var action = new ZohoActionResult
            {
                Code = result.Code ?? (result.IsSuccess ? "SUCCESS" : "FAILED"),
                Status = result.IsSuccess ? "success" : "error",
                Message = result.Message ?? string.Empty,
                HttpStatus = result.HttpStatus,
            };
            foreach (var detail in result.Details) action.Details[detail.Key] = detail.Value;
            action.Details["personality_id"] = result.PersonalityId;
            action.Details["action"] = result.Action.ToString();
            return action;
        }
    }
}
