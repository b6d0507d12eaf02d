using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Completes module API names (-Module, -PersonalityModule, -RelatedModule) from what the
    /// connection has read (Get-PortalModuleMeta, Get-PortalUserType, Get-PortalUser), never by
    /// calling Zoho. Before anything was read it offers Contacts and Notes, which every org has.
    /// </summary>
    public sealed class ModuleNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = CompleterConnection.From(fakeBoundParameters);
            var known = connection?.Completion.Modules.ToList() ?? new List<KeyValuePair<string, string>>();
            if (known.Count == 0) known = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("Contacts", "Contacts"), new KeyValuePair<string, string>("Notes", "Notes") };
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
            return known.Where(m => pattern.IsMatch(m.Key))
                .Select(m => new CompletionResult(m.Key, m.Key, CompletionResultType.ParameterValue, m.Value))
                .ToList();
        }
    }

    /// <summary>
    /// Completes bulk-invite job ids from the jobs this connection has started or read
    /// (Send-PortalInvite -AsJob, Get-PortalInviteJob, Wait-PortalInviteJob), never by calling Zoho.
    /// </summary>
    public sealed class InviteJobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = CompleterConnection.From(fakeBoundParameters);
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return connection.Completion.Jobs.Where(j => j.Key.StartsWith(typed, System.StringComparison.Ordinal))
                .Select(j => new CompletionResult(j.Key, j.Key, CompletionResultType.ParameterValue, j.Key + " (" + j.Value + ")"))
                .ToList();
        }
    }

    /// <summary>The connection a completion is for: -Connection when typed already, else the runspace's.</summary>
    internal static class CompleterConnection
    {
        public static ZohoPortalConnection? From(IDictionary? fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Connection"];
            var connection = (given is PSObject ps ? ps.BaseObject : given) as ZohoPortalConnection ?? ConnectionStore.Current;
            return connection == null || connection.IsDisposed ? null : connection;
        }
    }
}
