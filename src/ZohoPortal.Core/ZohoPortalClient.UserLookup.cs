using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    /// <summary>
    /// Finding users by id or email when the caller does not know their user type. The API has
    /// no user search across types and its only list filter is status_reason__s, so:
    /// <list type="bullet">
    /// <item>ids: one personality_ids listing per user type per 100 ids, in the portal's order,
    /// asking each type only for the ids not found yet (a CSV of 300 ids in one type of five costs
    /// at most 3 listings per type until all are found);</item>
    /// <item>emails: every user of each type is read once (200 per request), whatever the number
    /// of emails, because an email can only be matched on our side; one read also shows whether
    /// an email is ambiguous.</item>
    /// </list>
    /// </summary>
    public sealed partial class ZohoPortalClient
    {
        /// <summary>
        /// Looks users up in the given user types of a portal. Every user found carries its
        /// portal, user type id and name.
        /// </summary>
        public async Task<PortalUserMatches> FindUsersAsync(string portal, IReadOnlyList<PortalUserType> userTypes,
            IReadOnlyCollection<string> personalityIds, IReadOnlyCollection<string> emails, CancellationToken cancellationToken = default)
        {
            if (userTypes == null) throw new ArgumentNullException(nameof(userTypes));
            var matches = new PortalUserMatches();
            var ids = (personalityIds ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count > 0) ValidatePersonalityIds(ids);
            var wantedEmails = new HashSet<string>((emails ?? Array.Empty<string>()).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()),
                StringComparer.OrdinalIgnoreCase);

            foreach (var type in userTypes)
            {
                var typeName = type.Name;
                if (wantedEmails.Count > 0)
                {
                    // The whole type is read anyway, so ids are matched from the same pages.
                    var listing = await ListUsersAsync(portal, type.Id, new PortalUserQuery(), page =>
                    {
                        foreach (var user in page)
                        {
                            user.UserTypeName = typeName;
                            if (ids.Count > 0 && !matches.ById.ContainsKey(user.PersonalityId) && ids.Contains(user.PersonalityId))
                                matches.ById[user.PersonalityId] = user;
                            if (user.Email != null && wantedEmails.Contains(user.Email.Trim()))
                            {
                                if (!matches.ByEmail.TryGetValue(user.Email.Trim(), out var list))
                                    matches.ByEmail[user.Email.Trim()] = list = new List<PortalUser>();
                                list.Add(user);
                            }
                        }
                    }, cancellationToken).ConfigureAwait(false);
                    matches.Requests += listing.Requests;
                    continue;
                }

                var missing = ids.Where(i => !matches.ById.ContainsKey(i)).ToList();
                if (missing.Count == 0) break;
                var byId = await ListUsersAsync(portal, type.Id, new PortalUserQuery { PersonalityIds = missing }, page =>
                {
                    foreach (var user in page)
                    {
                        user.UserTypeName = typeName;
                        // A server that ignores personality_ids lists everyone: keep only the asked ids.
                        if (missing.Contains(user.PersonalityId) && !matches.ById.ContainsKey(user.PersonalityId))
                            matches.ById[user.PersonalityId] = user;
                    }
                }, cancellationToken).ConfigureAwait(false);
                matches.Requests += byId.Requests;
            }
            return matches;
        }
    }
}
