using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Completes portal names from what the connection already knows (an org has one portal),
    /// never with a network call per key press.
    /// </summary>
    public sealed class PortalNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var name = ConnectionStore.Current?.PortalName;
            if (name != null && name.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, "Portal " + name);
        }
    }
}
