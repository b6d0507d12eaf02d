using System;
using System.Collections.Generic;

namespace ZohoPortal.Core.Configuration
{
    /// <summary>What kind of problem a configuration file has (the cmdlets map it to an ErrorCategory).</summary>
    public enum PortalConfigurationErrorKind
    {
        /// <summary>The file cannot be read as a configuration: not JSON, a wrong schema version, a missing or repeated name.</summary>
        InvalidFile,
        /// <summary>The file names modules, layouts, views or fields the target org lacks.</summary>
        NotInTarget,
        /// <summary>The file cannot be applied to the target as it is (a user type with users and nowhere to move them, say).</summary>
        CannotApply,
    }

    /// <summary>
    /// A configuration file refused before anything is sent: one exception per file, listing every
    /// problem found (<see cref="Problems"/>), with a stable <see cref="ErrorId"/>.
    /// </summary>
    public sealed class PortalConfigurationException : Exception
    {
        public PortalConfigurationException(string errorId, PortalConfigurationErrorKind kind, string message, IReadOnlyList<string>? problems = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Problems = problems ?? Array.Empty<string>();
        }

        /// <summary>A stable identifier, used as the PowerShell ErrorId.</summary>
        public string ErrorId { get; }
        public PortalConfigurationErrorKind Kind { get; }
        /// <summary>Every problem, one line each (every missing name, for <see cref="PortalConfigurationErrorKind.NotInTarget"/>).</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}
