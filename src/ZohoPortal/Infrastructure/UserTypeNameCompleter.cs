using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Completes user-type names from the user types the connection last listed
    /// (<see cref="ZohoPortalConnection.CachedUserTypes"/>), never by calling Zoho: completion runs
    /// on every Tab press and must answer at once. Run Get-PortalUserType once to fill the cache.
    /// </summary>
    public sealed class UserTypeNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = Unwrap(fakeBoundParameters?["Connection"]) as ZohoPortalConnection ?? ConnectionStore.Current;
            var types = connection == null || connection.IsDisposed ? null : connection.CachedUserTypes;
            if (types == null) return Enumerable.Empty<CompletionResult>();
            var portal = Unwrap(fakeBoundParameters?["Portal"]) as string;
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
            return types
                .Where(t => string.IsNullOrEmpty(portal) || t.PortalName == null || string.Equals(t.PortalName, portal, StringComparison.Ordinal))
                .Where(t => pattern.IsMatch(t.Name) || t.Id.StartsWith(typed, StringComparison.Ordinal))
                .Select(t => new CompletionResult(Quote(t.Name), t.Name, CompletionResultType.ParameterValue,
                    t.Name + " (" + t.Id + ")" + (t.PersonalityModule == null ? string.Empty : ", " + t.PersonalityModule)
                    + (t.UserCount.HasValue ? ", " + t.UserCount + " users" : string.Empty)))
                .ToList();
        }

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        /// <summary>Names with spaces or quote characters must be quoted to stay one argument.</summary>
        private static string Quote(string name) =>
            name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '@', '#' }) < 0 ? name : "'" + name.Replace("'", "''") + "'";
    }
}
