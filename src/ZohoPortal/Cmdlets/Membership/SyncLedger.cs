using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Membership;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Cmdlets.Membership
{
    /// <summary>
    /// Where every change of one applied sync stands (declined, sent, answered, written), so a
    /// stop can name each one left over: not run, sent with its outcome unknown, or answered but
    /// not written. Steps that change nothing are not counted. Safe from any thread.
    /// </summary>
    internal sealed class SyncLedger
    {
        private readonly object _gate = new object();
        private readonly List<PortalUserSyncStep> _steps;
        private readonly Dictionary<PortalUserSyncStep, int> _index = new Dictionary<PortalUserSyncStep, int>();
        private readonly PortalUserSyncResult?[] _results;
        private readonly bool[] _sent;
        private readonly bool[] _reported;

        public SyncLedger(IEnumerable<PortalUserSyncStep> steps)
        {
            // Steps are matched by reference: the results the core hands back carry the very step objects given.
            _steps = steps.Where(s => s != null && s.IsChange).ToList();
            for (var i = 0; i < _steps.Count; i++) _index[_steps[i]] = i;
            _results = new PortalUserSyncResult?[_steps.Count];
            _sent = new bool[_steps.Count];
            _reported = new bool[_steps.Count];
        }

        public int Count => _steps.Count;

        /// <summary>True once any change has been sent.</summary>
        public bool AnySent
        {
            get { lock (_gate) return _sent.Any(s => s); }
        }

        public void MarkSent(IEnumerable<PortalUserSyncStep> steps)
        {
            lock (_gate)
                foreach (var step in steps)
                    if (_index.TryGetValue(step, out var i)) _sent[i] = true;
        }

        /// <summary>Declined steps (the user said no, or -WhatIf) are settled: nothing was sent for them.</summary>
        public void MarkDeclined(IEnumerable<PortalUserSyncStep> steps)
        {
            lock (_gate)
                foreach (var step in steps)
                    if (_index.TryGetValue(step, out var i)) _reported[i] = true;
        }

        public void SetResult(PortalUserSyncResult result)
        {
            lock (_gate)
                if (result.Step != null && _index.TryGetValue(result.Step, out var i)) _results[i] = result;
        }

        public void MarkReported(PortalUserSyncStep? step)
        {
            lock (_gate)
                if (step != null && _index.TryGetValue(step, out var i)) _reported[i] = true;
        }

        /// <summary>
        /// Changes never sent (NotRun, or no result and not sent), changes sent whose outcome is not
        /// known (no answer, OutcomeUnknown or InProgress not written), and other answers not written.
        /// </summary>
        public (List<string> NotRun, List<string> SentOutcomeUnknown, List<ZohoActionResult> Unwritten) LeftOver()
        {
            lock (_gate)
            {
                var notRun = new List<string>();
                var sent = new List<string>();
                var unwritten = new List<ZohoActionResult>();
                for (var i = 0; i < _steps.Count; i++)
                {
                    var result = _results[i];
                    var id = _steps[i].PersonalityId;
                    if (result?.Outcome == PortalUserSyncOutcome.NotRun) notRun.Add(id);
                    else if (_reported[i]) continue;
                    else if (result == null) (_sent[i] ? sent : notRun).Add(id);
                    else if (result.Outcome == PortalUserSyncOutcome.OutcomeUnknown || result.Outcome == PortalUserSyncOutcome.InProgress) sent.Add(id);
                    else unwritten.Add(AsAction(result));
                }
                return (notRun, sent, unwritten);
            }
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
