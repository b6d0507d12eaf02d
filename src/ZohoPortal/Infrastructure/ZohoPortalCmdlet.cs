using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Base of every ZohoPortal cmdlet. Owns the async-to-pipeline bridge (work runs on the thread
    /// pool; objects, errors, progress and trace lines are marshalled back and written only from
    /// the pipeline thread), cancellation on Ctrl+C, and exception-to-ErrorRecord mapping.
    /// Derived cmdlets override the *Core methods.
    /// </summary>
    public abstract class ZohoPortalCmdlet : PSCmdlet, ITraceTarget
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private BlockingCollection<Action>? _queue;
        private int _pipelineThreadId;
        private bool _verbose;
        private bool _debug;

        /// <summary>Cancelled when the user presses Ctrl+C or a downstream command stops the pipeline.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        /// <summary>The connection of the runspace running this command, captured on the pipeline thread.</summary>
        internal ZohoPortalConnection? RunspaceConnection { get; private set; }

        /// <summary>The object an error in the current record is about (used as TargetObject).</summary>
        protected object? CurrentTarget { get; set; }

        /// <summary>True when Verbose lines would be shown (-Verbose or $VerbosePreference): Verbose text is built only then.</summary>
        protected bool VerboseEnabled => _verbose;

        bool ITraceTarget.VerboseEnabled => _verbose;
        bool ITraceTarget.DebugEnabled => _debug;
        void ITraceTarget.PostVerbose(string message) => Post(() => WriteVerbose(message));
        void ITraceTarget.PostDebug(string message) => Post(() => WriteDebug(message));

        protected sealed override void BeginProcessing()
        {
            _pipelineThreadId = Environment.CurrentManagedThreadId;
            _verbose = IsStreamEnabled("Verbose", "VerbosePreference");
            _debug = IsStreamEnabled("Debug", "DebugPreference");
            // The runspace's connection must be read here: worker threads have no default runspace.
            RunspaceConnection = ConnectionStore.Current;
            Guard(BeginProcessingCore, terminating: true);
        }

        protected sealed override void ProcessRecord()
        {
            CurrentTarget = null;
            Guard(ProcessRecordCore, terminating: false);
        }

        protected sealed override void EndProcessing() => Guard(EndProcessingCore, terminating: false);

        protected override void StopProcessing() => _stopping.Cancel();

        protected virtual void BeginProcessingCore() { }
        protected virtual void ProcessRecordCore() { }
        protected virtual void EndProcessingCore() { }

        /// <summary>Runs async work while pumping its output onto the pipeline thread.</summary>
        protected void RunAsync(Func<CancellationToken, Task> work) =>
            RunAsync<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; });

        /// <summary>Runs async work while pumping its output onto the pipeline thread, and returns its result.</summary>
        protected T RunAsync<T>(Func<CancellationToken, Task<T>> work)
        {
            var queue = new BlockingCollection<Action>();
            var previous = _queue;
            _queue = queue;
            try
            {
                Task<T> task;
                PowerShellTracer.Attach(this);
                try
                {
                    task = Task.Run(() => work(_stopping.Token));
                }
                finally
                {
                    PowerShellTracer.Attach(null);
                }
                task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    foreach (var action in queue.GetConsumingEnumerable()) action();
                }
                catch
                {
                    // Output failed (the pipeline is stopping): stop the work too, and let it finish quietly.
                    _stopping.Cancel();
                    try { task.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
                    throw;
                }
                return task.GetAwaiter().GetResult();
            }
            finally
            {
                _queue = previous;
                queue.Dispose();
            }
        }

        /// <summary>Runs <paramref name="action"/> on the pipeline thread (now if already there).</summary>
        protected void Post(Action action)
        {
            if (Environment.CurrentManagedThreadId == _pipelineThreadId)
            {
                action();
                return;
            }
            var queue = _queue;
            if (queue == null) return;
            try
            {
                queue.Add(action);
            }
            catch (ObjectDisposedException)
            {
                // The bridge already closed: nothing can be written any more.
            }
            catch (InvalidOperationException)
            {
                // Adding was completed: the work is over, nothing can be written any more.
            }
        }

        /// <summary>Asks something of the pipeline thread (ShouldProcess, say) from async work, and waits for the answer.</summary>
        protected Task<T> OnPipelineAsync<T>(Func<T> func)
        {
            if (Environment.CurrentManagedThreadId == _pipelineThreadId) return Task.FromResult(func());
            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try { completion.SetResult(func()); }
                catch (Exception e) { completion.SetException(e); }
            });
            return completion.Task;
        }

        protected void EmitObject(object? value) => Post(() => WriteObject(value));
        protected void EmitError(ErrorRecord record) => Post(() => WriteError(record));
        protected void EmitProgress(ProgressRecord record) => Post(() => WriteProgress(record));
        protected void EmitWarning(string message) => Post(() => WriteWarning(message));
        protected void EmitVerbose(string message) => Post(() => WriteVerbose(message));

        /// <summary>
        /// ShouldProcess that -Force can answer: with -Force the confirmation prompt is skipped, but
        /// -WhatIf (or $WhatIfPreference) and an explicit -Confirm are still honoured.
        /// </summary>
        protected bool ShouldProcessUnlessForced(bool force, string target, string action)
        {
            if (!force || IsWhatIf() || IsExplicitConfirm()) return ShouldProcess(target, action);
            // ShouldProcess writes this line under -Verbose; skipping it must not make -Force runs quieter.
            WriteVerbose("Performing the operation \"" + action + "\" on target \"" + target + "\".");
            return true;
        }

        /// <summary>
        /// Every confirmation question goes through here: this hides Cmdlet.ShouldProcess, so a
        /// host that cannot prompt (pwsh -NonInteractive, a runbook worker, a hosted runspace)
        /// gives ConfirmationNotPossible with advice instead of the host's own exception, and
        /// nothing is sent.
        /// </summary>
        protected new bool ShouldProcess(string target, string action) => Ask(() => base.ShouldProcess(target, action));

        /// <inheritdoc cref="ShouldProcess(string, string)"/>
        protected new bool ShouldProcess(string target) => Ask(() => base.ShouldProcess(target));

        /// <summary>
        /// A second question for a change more drastic than the cmdlet's ConfirmImpact (deactivating
        /// a user type). It is asked only where PowerShell would have prompted for a High-impact
        /// change and has not prompted yet, so -Force, -Confirm:$false and $ConfirmPreference =
        /// 'None' all pass it, and -Confirm does not ask twice.
        /// </summary>
        protected bool ConfirmAsHighImpact(bool force, string query, string caption)
        {
            if (force || MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
            var preference = LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact p) ? p : ConfirmImpact.High;
            if (preference == ConfirmImpact.None) return true;
            var own = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))).ConfirmImpact;
            if (own >= preference) return true; // ShouldProcess has asked already.
            return Ask(() => base.ShouldContinue(query, caption));
        }

        private static bool Ask(Func<bool> question)
        {
            try
            {
                return question();
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is InvalidOperationException || e is NotImplementedException)
            {
                // PSInvalidOperationException ("PowerShell is in NonInteractive mode") from the console
                // host, HostException from hosts without a UI.
                throw new ConfirmationNotPossibleException(e);
            }
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter sw) return sw.IsPresent;
            var preference = GetVariableValue("WhatIfPreference");
            return preference is SwitchParameter p ? p.IsPresent : preference is bool b && b;
        }

        private bool IsExplicitConfirm() =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var bound) && bound is SwitchParameter sw && sw.IsPresent;

        /// <summary>Writes a non-terminating error for <paramref name="exception"/>, mapped in one place.</summary>
        protected void EmitError(Exception exception, object? target) => EmitError(ErrorMapper.ToErrorRecord(exception, target));

        private void Guard(Action body, bool terminating)
        {
            try
            {
                body();
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (NotConnectedException e)
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(e, null));
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                var record = ErrorMapper.ToErrorRecord(Unwrap(e), CurrentTarget);
                if (terminating) ThrowTerminatingError(record);
                else WriteError(record);
            }
        }

        private static Exception Unwrap(Exception e)
        {
            while (e is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) e = aggregate.InnerExceptions[0];
            return e;
        }

        private bool IsStreamEnabled(string switchName, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out var bound) && bound is SwitchParameter sw) return sw.IsPresent;
            var preference = GetVariableValue(preferenceVariable);
            return preference is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }
    }
}
