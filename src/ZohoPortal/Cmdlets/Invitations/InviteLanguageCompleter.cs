using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Cmdlets.Invitations
{
    /// <summary>Tab completion for -Language from the core's list of invitation languages (no network call).</summary>
    public sealed class InviteLanguageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return InviteRules.Languages
                .Where(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(l => new CompletionResult(l, l, CompletionResultType.ParameterValue, l));
        }
    }
}
