using System;
using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core.Membership
{
    /// <summary>
    /// Compares the desired membership with the portal's users and says, per person, what a sync
    /// does. Pure: it reads nothing and sends nothing, so every rule here is tested without an org.
    /// </summary>
    /// <remarks>
    /// The rules a demanding administrator relies on:
    /// <list type="bullet">
    /// <item>A row is a person by record id (which wins) or email. A record id that is no portal
    /// user is invited; an email that is no portal user cannot be (the API has no email search
    /// over CRM records), so that row is an error (SyncEmailNotPortalUser) and the rest goes on.</item>
    /// <item>Users invited but not confirmed yet are portal users: a re-run after an interruption
    /// finds them and invites nobody twice.</item>
    /// <item>Any row that cannot be read for sure (no id or email, no or an unknown user type, a
    /// person listed twice or in two types, an email two users share) refuses the whole sync:
    /// leaving such a row out would make its person "absent", and -Absent might then disable or
    /// remove someone the list meant to keep.</item>
    /// </list>
    /// </remarks>
    public static class MembershipPlanner
    {
        public static PortalUserSyncPlan Plan(string portal, IReadOnlyList<PortalMembershipRow> rows, IReadOnlyList<PortalUserType> userTypes,
            IReadOnlyList<PortalUser> users, PortalUserAbsentAction absent)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            if (userTypes == null) throw new ArgumentNullException(nameof(userTypes));
            if (users == null) throw new ArgumentNullException(nameof(users));

            var typesById = userTypes.ToDictionary(t => t.Id, StringComparer.Ordinal);
            var usersById = new Dictionary<string, PortalUser>(StringComparer.Ordinal);
            var usersByEmail = new Dictionary<string, List<PortalUser>>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in users)
            {
                usersById[user.PersonalityId] = user;
                var email = user.Email?.Trim();
                if (string.IsNullOrEmpty(email)) continue;
                if (!usersByEmail.TryGetValue(email!, out var list)) usersByEmail[email!] = list = new List<PortalUser>();
                list.Add(user);
            }

            var errors = new List<PortalMembershipRowError>();
            var planned = new List<(PortalMembershipRow Row, PortalUserSyncStep Step, string Person)>();
            foreach (var row in rows)
            {
                var type = ResolveType(row, userTypes, typesById, errors);
                var person = ResolvePerson(row, usersById, usersByEmail, errors, out var user);
                if (type == null || person == null) continue;

                string? language;
                try { language = InviteRules.NormalizeLanguage(row.Language); }
                catch (ZohoValidationException e)
                {
                    errors.Add(new PortalMembershipRowError(row, "SyncInvalidLanguage", PortalMembershipRowErrorKind.InvalidArgument, RowText(row) + e.Message, true));
                    continue;
                }

                var step = user != null ? ForUser(portal, user, type, row) : ForInvite(portal, person, type, language, row);
                planned.Add((row, step, step.PersonalityId));
            }

            // The same person twice: refused, naming every row, whether the types agree or not.
            foreach (var group in planned.GroupBy(p => p.Person, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var items = group.ToList();
                var rowNumbers = string.Join(", ", items.Select(i => i.Row.Row));
                var typeNames = items.Select(i => i.Step.UserTypeName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                foreach (var item in items)
                {
                    errors.Add(typeNames.Count > 1
                        ? new PortalMembershipRowError(item.Row, "SyncConflictingRows", PortalMembershipRowErrorKind.Conflict,
                            RowText(item.Row) + "user " + Who(item.Step) + " is listed in rows " + rowNumbers + " with different user types ("
                            + string.Join(", ", typeNames) + "). A user is in one user type: keep one of the rows.", true)
                        : new PortalMembershipRowError(item.Row, "SyncDuplicateRow", PortalMembershipRowErrorKind.Conflict,
                            RowText(item.Row) + "user " + Who(item.Step) + " is listed more than once (rows " + rowNumbers + "). Keep one row per user.", true));
                }
            }
            errors.Sort((a, b) => a.Row.Row.CompareTo(b.Row.Row));

            var listed = new HashSet<string>(planned.Select(p => p.Person), StringComparer.Ordinal);
            // People named by a row in error are not absent: a typo in a row must never disable or remove its person.
            foreach (var error in errors)
            {
                if (error.Row.RecordId != null) listed.Add(error.Row.RecordId);
                var email = error.Row.Email?.Trim();
                if (!string.IsNullOrEmpty(email) && usersByEmail.TryGetValue(email!, out var named))
                    foreach (var u in named) listed.Add(u.PersonalityId);
            }

            var steps = planned.Select(p => p.Step).ToList();
            foreach (var user in users.Where(u => !listed.Contains(u.PersonalityId)))
                steps.Add(ForAbsent(portal, user, typesById, absent));
            return new PortalUserSyncPlan(portal, steps, errors);
        }

        private static PortalUserType? ResolveType(PortalMembershipRow row, IReadOnlyList<PortalUserType> userTypes,
            Dictionary<string, PortalUserType> typesById, List<PortalMembershipRowError> errors)
        {
            var id = Clean(row.UserTypeId);
            var name = Clean(row.UserTypeName);
            if (id == null && name == null)
            {
                errors.Add(new PortalMembershipRowError(row, "SyncRowNoUserType", PortalMembershipRowErrorKind.InvalidArgument,
                    RowText(row) + "no user type. Give a UserType, UserTypeName or UserTypeId column (or -UserType for rows without one).", true));
                return null;
            }
            PortalUserType? byId = null;
            if (id != null && !typesById.TryGetValue(id, out byId))
            {
                errors.Add(new PortalMembershipRowError(row, "SyncUnknownUserType", PortalMembershipRowErrorKind.NotFound,
                    RowText(row) + "the portal has no user type with id " + id + ". Its user types: " + Known(userTypes) + ".", true));
                return null;
            }
            if (name == null) return byId;
            var byName = userTypes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (byName == null)
            {
                errors.Add(new PortalMembershipRowError(row, "SyncUnknownUserType", PortalMembershipRowErrorKind.NotFound,
                    RowText(row) + "the portal has no user type named '" + name + "'. Its user types: " + Known(userTypes) + ".", true));
                return null;
            }
            if (byId != null && !ReferenceEquals(byId, byName))
            {
                // An exported CSV whose UserTypeName column was edited still carries the old id: say so rather than guess.
                errors.Add(new PortalMembershipRowError(row, "SyncUserTypeMismatch", PortalMembershipRowErrorKind.Conflict,
                    RowText(row) + "user type id " + id + " is '" + byId.Name + "' but the name given is '" + name
                    + "'. Empty the UserTypeId column, or make the two agree.", true));
                return null;
            }
            return byName;
        }

        /// <summary>The person's id (an existing user's, or the record to invite); null when the row names nobody usable.</summary>
        private static string? ResolvePerson(PortalMembershipRow row, Dictionary<string, PortalUser> usersById,
            Dictionary<string, List<PortalUser>> usersByEmail, List<PortalMembershipRowError> errors, out PortalUser? user)
        {
            user = null;
            var id = Clean(row.RecordId);
            var email = Clean(row.Email)?.Trim();
            if (id != null)
            {
                if (!ZohoIdRules.IsId(id))
                {
                    errors.Add(new PortalMembershipRowError(row, "SyncInvalidRecordId", PortalMembershipRowErrorKind.InvalidArgument,
                        RowText(row) + "'" + id + "' is not a Zoho record id (ids are numbers such as 1306462000000659009).", true));
                    return null;
                }
                usersById.TryGetValue(id, out user);
                return id;
            }
            if (email == null)
            {
                errors.Add(new PortalMembershipRowError(row, "SyncRowNoIdentity", PortalMembershipRowErrorKind.InvalidArgument,
                    RowText(row) + "no RecordId (or PersonalityId) and no Email: the row names nobody.", true));
                return null;
            }
            if (!usersByEmail.TryGetValue(email, out var matches))
            {
                // Nobody to invite by email: the API finds CRM records by id only. Not a person the portal has, so nobody is put at risk.
                errors.Add(new PortalMembershipRowError(row, "SyncEmailNotPortalUser", PortalMembershipRowErrorKind.NotFound,
                    RowText(row) + "no portal user has the email '" + email + "', and a person can be invited only by the CRM record id. "
                    + "Add a RecordId column with the record's id to invite them.", false));
                return null;
            }
            if (matches.Count > 1)
            {
                errors.Add(new PortalMembershipRowError(row, "SyncAmbiguousEmail", PortalMembershipRowErrorKind.Conflict,
                    RowText(row) + matches.Count + " portal users have the email '" + email + "' (" + string.Join(", ", matches.Select(m => m.PersonalityId))
                    + "). Name the user by RecordId instead.", true));
                return null;
            }
            user = matches[0];
            return user.PersonalityId;
        }

        private static PortalUserSyncStep ForUser(string portal, PortalUser user, PortalUserType type, PortalMembershipRow row)
        {
            var step = Base(portal, user, row.Row);
            if (string.Equals(user.UserTypeId, type.Id, StringComparison.Ordinal))
            {
                step.Action = PortalUserSyncAction.Unchanged;
                step.Reason = "Listed and in " + type.Name;
                return step;
            }
            step.Action = PortalUserSyncAction.Move;
            step.FromUserTypeId = user.UserTypeId;
            step.FromUserTypeName = user.UserTypeName;
            step.UserTypeId = type.Id;
            step.UserTypeName = type.Name;
            step.Reason = "Listed in " + type.Name + ", is in " + (user.UserTypeName ?? user.UserTypeId);
            return step;
        }

        private static PortalUserSyncStep ForInvite(string portal, string recordId, PortalUserType type, string? language, PortalMembershipRow row) =>
            new PortalUserSyncStep
            {
                Action = PortalUserSyncAction.Invite,
                PortalName = portal,
                PersonalityId = recordId,
                Email = Clean(row.Email)?.Trim(),
                UserTypeId = type.Id,
                UserTypeName = type.Name,
                Module = string.IsNullOrEmpty(type.PersonalityModule) ? "Contacts" : type.PersonalityModule,
                Language = language,
                Row = row.Row,
                Reason = "Listed, not a portal user",
            };

        private static PortalUserSyncStep ForAbsent(string portal, PortalUser user, Dictionary<string, PortalUserType> typesById, PortalUserAbsentAction absent)
        {
            var step = Base(portal, user, null);
            if (step.UserTypeName == null && user.UserTypeId != null && typesById.TryGetValue(user.UserTypeId, out var type)) step.UserTypeName = type.Name;
            switch (absent)
            {
                case PortalUserAbsentAction.Remove:
                    step.Action = PortalUserSyncAction.Remove;
                    step.Reason = user.Confirmed ? "Not listed" : "Not listed (unconfirmed: the invitation is withdrawn)";
                    break;
                case PortalUserAbsentAction.Disable when !user.Confirmed:
                    step.Action = PortalUserSyncAction.Skip;
                    step.Reason = "Not listed, but unconfirmed: Zoho cannot deactivate a user who has not accepted the invitation (NOT_ALLOWED); -Absent Remove withdraws it";
                    break;
                case PortalUserAbsentAction.Disable when !user.Active:
                    step.Action = PortalUserSyncAction.Unchanged;
                    step.Reason = "Not listed, already deactivated";
                    break;
                case PortalUserAbsentAction.Disable:
                    step.Action = PortalUserSyncAction.Disable;
                    step.Reason = "Not listed";
                    break;
                default:
                    step.Action = PortalUserSyncAction.Leave;
                    step.Reason = "Not listed (-Absent Leave)";
                    break;
            }
            return step;
        }

        private static PortalUserSyncStep Base(string portal, PortalUser user, int? row) => new PortalUserSyncStep
        {
            PortalName = portal,
            PersonalityId = user.PersonalityId,
            Email = user.Email,
            Name = user.Name,
            UserTypeId = user.UserTypeId ?? string.Empty,
            UserTypeName = user.UserTypeName,
            Module = user.Module,
            Confirmed = user.Confirmed,
            Active = user.Active,
            Row = row,
        };

        private static string Who(PortalUserSyncStep step) => step.Email != null ? step.Email + " (" + step.PersonalityId + ")" : step.PersonalityId;

        private static string RowText(PortalMembershipRow row) => "Row " + row.Row + ": ";

        private static string Known(IReadOnlyList<PortalUserType> types) =>
            types.Count == 0 ? "none" : string.Join(", ", types.Select(t => t.Name + " (" + t.Id + ")"));

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
