using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    public sealed partial class ZohoPortalClient
    {
        /// <summary>Most user types an org may have (Zoho's licence limit, zoho-api.md "User types").</summary>
        public const int MaxUserTypes = 5;

        /// <summary>Every user type of a portal (at most five); with <paramref name="includeModules"/> each carries its module permissions.</summary>
        public async Task<List<PortalUserType>> GetUserTypesAsync(string portal, bool includeModules = false, CancellationToken cancellationToken = default)
        {
            var request = new ZohoRequest(HttpMethod.Get, UserTypesPath(portal));
            if (includeModules) request.AddQuery("include", "modules");
            var list = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.UserTypesEnvelope, e => e.UserTypes), cancellationToken).ConfigureAwait(false);
            foreach (var type in list) type.PortalName = portal;
            return list;
        }

        /// <summary>One user type with its modules, or null when the id is unknown (zoho-api.md "User types": 204, or 400 INVALID_DATA naming the id).</summary>
        public async Task<PortalUserType?> GetUserTypeAsync(string portal, string userTypeId, CancellationToken cancellationToken = default)
        {
            UserTypeIdRules.Validate(userTypeId);
            var request = new ZohoRequest(HttpMethod.Get, UserTypePath(portal, userTypeId));
            try
            {
                var list = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.UserTypesEnvelope, e => e.UserTypes), cancellationToken).ConfigureAwait(false);
                var found = list.FirstOrDefault();
                if (found != null) found.PortalName = portal;
                return found;
            }
            catch (ZohoApiException e) when (e.HttpStatus == 400 && e.Code == "INVALID_DATA" && e.ZohoMessage != NoSuchPortalMessage)
            {
                return null;
            }
        }

        /// <summary>
        /// Creates a user type and returns it as Zoho then lists it: <see cref="PlanUserTypeCreationAsync"/>,
        /// then <see cref="CreateUserTypeAsync(UserTypeCreationPlan, CancellationToken)"/>.
        /// </summary>
        public async Task<PortalUserType> CreateUserTypeAsync(string portal, PortalUserTypeInput input, CancellationToken cancellationToken = default)
        {
            var plan = await PlanUserTypeCreationAsync(portal, input, cancellationToken).ConfigureAwait(false);
            return await CreateUserTypeAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends a creation plan. Zoho answers either {code, details.id} (zoho-api.md "User types"), after which the
        /// type is fetched, or 201 with the full object.
        /// </summary>
        public async Task<PortalUserType> CreateUserTypeAsync(UserTypeCreationPlan plan, CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var request = new ZohoRequest(HttpMethod.Post, plan.Path) { JsonBody = plan.Body };
            var created = await AfterMetadataChange(Http.SendAsync(request, r => ReadCreateAnswer(r, plan.Path), cancellationToken),
                () => Metadata.InvalidateUserTypes(plan.Portal)).ConfigureAwait(false);
            if (created.UserType != null)
            {
                created.UserType.PortalName = plan.Portal;
                return created.UserType;
            }
            var fetched = await GetUserTypeAsync(plan.Portal, created.Id!, cancellationToken).ConfigureAwait(false);
            return fetched ?? new PortalUserType
            {
                Id = created.Id!,
                Name = plan.Input.Name!,
                Active = plan.Input.Active ?? false,
                PersonalityModule = plan.Input.PersonalityModule,
                Modules = plan.Input.Modules,
                PortalName = plan.Portal,
            };
        }

        /// <summary>
        /// Changes a user type: only what <paramref name="changes"/> sets is sent (a partial update).
        /// A module entry changes that module (adding it if new); with Delete it removes the module;
        /// a field with Delete is taken out (sent as "_delete"). Names of modules, layouts, views
        /// and filters are resolved through portal meta of <paramref name="personalityModule"/>
        /// (looked up from the user type when not given and needed).
        /// </summary>
        public async Task<ZohoActionResult> UpdateUserTypeAsync(string portal, string userTypeId, PortalUserTypeInput changes,
            string? personalityModule = null, CancellationToken cancellationToken = default)
        {
            var plan = await PlanUserTypeUpdateAsync(portal, userTypeId, changes, personalityModule, cancellationToken).ConfigureAwait(false);
            return await UpdateUserTypeAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Validates a partial update and resolves its module names (the reads the update needs,
        /// nothing that changes anything), so -WhatIf fails where the real run would.
        /// </summary>
        public async Task<UserTypeUpdatePlan> PlanUserTypeUpdateAsync(string portal, string userTypeId, PortalUserTypeInput changes,
            string? personalityModule = null, CancellationToken cancellationToken = default)
        {
            if (changes == null) throw new ArgumentNullException(nameof(changes));
            UserTypeIdRules.Validate(userTypeId);
            if (changes.IsEmpty)
                throw new ZohoValidationException("NothingToUpdate", "Nothing to change: give a new name, a state, an invitation field or module entries.", "UserType");
            if (changes.Name != null) UserTypeNameRules.Validate(changes.Name, "NewName");
            if (changes.PersonalityModule != null && string.IsNullOrWhiteSpace(changes.PersonalityModule))
                throw new ZohoValidationException("PersonalityModuleRequired", "The personality module must not be empty.", "PersonalityModule");
            var path = UserTypePath(portal, userTypeId);

            var modules = changes.Modules;
            if (modules != null && modules.Count > 0)
            {
                ValidateModuleEntries(modules, create: false);
                var personality = changes.PersonalityModule ?? personalityModule;
                if (personality == null && NeedsMeta(modules))
                {
                    var current = await GetUserTypeAsync(portal, userTypeId, cancellationToken).ConfigureAwait(false)
                        ?? throw new ZohoApiException(400, "INVALID_DATA", "Invalid user type id", null, "PUT", path);
                    personality = current.PersonalityModule;
                }
                modules = await ResolveModulesAsync(personality ?? string.Empty, modules, cancellationToken).ConfigureAwait(false);
            }
            var resolved = new PortalUserTypeInput
            {
                Name = changes.Name,
                PersonalityModule = changes.PersonalityModule,
                Active = changes.Active,
                InvitationField = changes.InvitationField,
                Modules = modules,
            };
            return new UserTypeUpdatePlan(portal, userTypeId, path, resolved, UserTypeBody.Write(resolved, create: false));
        }

        /// <summary>Sends an update plan: one PUT with the planned body.</summary>
        public Task<ZohoActionResult> UpdateUserTypeAsync(UserTypeUpdatePlan plan, CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var request = new ZohoRequest(HttpMethod.Put, plan.Path) { JsonBody = plan.Body };
            return AfterMetadataChange(Http.SendAsync(request, r => ReadSingleAction(r, "user_type", "PUT", plan.Path), cancellationToken),
                () => Metadata.InvalidateUserTypes(plan.Portal));
        }

        /// <summary>
        /// Deletes a user type. Zoho refuses while the type has users (400 INVALID_DATA naming
        /// transfer_To); <paramref name="transferTo"/> asks Zoho to move them first, which only
        /// API v8 offers (zoho-api.md "User types"). Zoho prints details.id as a number (zoho-api.md "Ids"); it reads back as text.
        /// </summary>
        public Task<ZohoActionResult> DeleteUserTypeAsync(string portal, string userTypeId, string? transferTo = null, CancellationToken cancellationToken = default)
        {
            UserTypeIdRules.Validate(userTypeId);
            var path = UserTypePath(portal, userTypeId);
            var request = new ZohoRequest(HttpMethod.Delete, path);
            if (transferTo != null)
            {
                UserTypeIdRules.Validate(transferTo, "TransferUsersTo");
                if (ApiVersionNumber < 8)
                    throw new ZohoValidationException("TransferToNeedsV8",
                        "Deleting with transfer_To needs API v8 (the connection uses " + Options.ApiVersion + "); move the users with the transfer API first.", "TransferUsersTo");
                if (transferTo == userTypeId)
                    throw new ZohoValidationException("TransferToSameUserType", "Users cannot be moved to the user type being deleted.", "TransferUsersTo");
                request.AddQuery("transfer_To", transferTo);
            }
            return AfterMetadataChange(Http.SendAsync(request, r => ReadSingleAction(r, "user_type", "DELETE", path), cancellationToken),
                () => Metadata.InvalidateUserTypes(portal));
        }

        /// <summary>
        /// Makes the metadata cache stale around a change: after it, whatever its answer (a failed or
        /// lost answer may still have changed something), and before it too, so a listing already
        /// out while the change is made is not kept.
        /// </summary>
        private static async Task<T> AfterMetadataChange<T>(Task<T> change, Action invalidate)
        {
            invalidate();
            try
            {
                return await change.ConfigureAwait(false);
            }
            finally
            {
                invalidate();
            }
        }

        /// <summary>The API version as a number (4 to 8).</summary>
        internal int ApiVersionNumber => int.Parse(Options.ApiVersion.Substring(1), System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Rules the client can check without asking Zoho.</summary>
        private static void ValidateModuleEntries(IList<UserTypeModule> modules, bool create)
        {
            for (var i = 0; i < modules.Count; i++)
            {
                var module = modules[i] ?? throw new ZohoValidationException("ModuleEntryNull", "Module entry " + i + " is empty.", "Module");
                var label = module.ApiName ?? module.Id ?? ("#" + i);
                if (string.IsNullOrWhiteSpace(module.Id) && string.IsNullOrWhiteSpace(module.ApiName))
                    throw new ZohoValidationException("ModuleEntryWithoutModule", "Module entry " + i + " names no module (give its id or API name).", "Module");
                if (module.Id != null) ZohoIdRules.Validate(module.Id, "InvalidModuleId", "Module id", "Module");
                if (module.Delete == true)
                {
                    if (create) throw new ZohoValidationException("RemoveModuleOnCreate", "Module '" + label + "' is marked for removal, which only makes sense when changing a user type.", "Module");
                    continue;
                }
                if (module.Permissions?.View == false)
                    throw new ZohoValidationException("ViewPermissionRequired",
                        "Module '" + label + "': view permission cannot be taken away; Zoho requires it on every module of a user type. Remove the module instead.", "Module");
                if (module.Fields != null && create && module.Fields.Any(f => f.Delete == true))
                    throw new ZohoValidationException("RemoveFieldOnCreate", "Module '" + label + "' has a field marked for removal, which only makes sense when changing a user type.", "Module");
                if (module.Filters != null && module.Filters.Count > 1)
                    throw new ZohoValidationException("TooManyFilters", "Module '" + label + "' has " + module.Filters.Count + " filters; Zoho allows one.", "Module");
            }
            var duplicate = modules.Where(m => m.Id != null).GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
                throw new ZohoValidationException("DuplicateModuleEntry", "Module " + duplicate.Key + " appears more than once; give one entry per module.", "Module");
        }

        private sealed class CreateAnswer
        {
            public string? Id { get; set; }
            public PortalUserType? UserType { get; set; }
        }

        /// <summary>Reads either create answer (zoho-api.md "User types"): an action item {code, details.id} or the full user type.</summary>
        private static CreateAnswer ReadCreateAnswer(ZohoResponse response, string path)
        {
            if (response.IsEmpty) throw new JsonException("The create answer was empty.");
            using (var doc = JsonDocument.Parse(response.Body))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("user_type", out var items)
                    || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
                    throw new JsonException("Expected a \"user_type\" array.");
                var first = items[0];
                if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("code", out _))
                {
                    var result = ReadSingleAction(response, "user_type", "POST", path);
                    var id = result.GetDetail("id");
                    if (string.IsNullOrEmpty(id)) throw new JsonException("The create answer named no id.");
                    return new CreateAnswer { Id = id };
                }
                var type = first.Deserialize(ZohoJsonContext.Default.PortalUserType);
                if (type == null || string.IsNullOrEmpty(type.Id)) throw new JsonException("The created user type has no id.");
                return new CreateAnswer { Id = type.Id, UserType = type };
            }
        }

        internal const string NoSuchPortalMessage = "No portal exists with the given portal name.";

        internal static string UserTypesPath(string portal) => PortalPath(portal) + "/user_type";

        internal static string UserTypePath(string portal, string userTypeId) => UserTypesPath(portal) + "/" + ZohoRequest.Segment(userTypeId);
    }
}
