using System;
using System.Collections.Generic;
using System.Linq;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// A portal name that is not the org's portal. Its own type so that every cmdlet reports it
    /// the same way: ErrorId PortalNotFound, ObjectNotFound, the name given as TargetObject
    /// (whatever the cmdlet was working on at the time), and the org's portal in the message.
    /// </summary>
    public sealed class PortalNotFoundException : Exception
    {
        public PortalNotFoundException(string name, IReadOnlyList<string> knownPortals)
            : base("No portal named '" + name + "' exists in the connected org; "
                   + (knownPortals.Count == 0 ? "the org has no portal." : "the org's portal is " + string.Join(", ", knownPortals.Select(k => "'" + k + "'")) + "."))
        {
            Name = name;
            KnownPortals = knownPortals;
        }

        /// <summary>The name asked for.</summary>
        public string Name { get; }

        /// <summary>The org's portals (an org has at most one).</summary>
        public IReadOnlyList<string> KnownPortals { get; }

        public string RecommendedAction => KnownPortals.Count == 0
            ? "Create one with New-Portal -Name <name>."
            : "Leave -Portal out to use the org's portal, or give -Portal " + KnownPortals[0] + ".";
    }
}
