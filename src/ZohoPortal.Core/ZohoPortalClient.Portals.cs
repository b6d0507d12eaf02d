using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;
using ZohoPortal.Core.Validation;

namespace ZohoPortal.Core
{
    public sealed partial class ZohoPortalClient
    {
        private const string PortalsPath = "/settings/portals";

        /// <summary>Every portal of the org (at most one today); empty when the org has none (204).</summary>
        public Task<List<Portal>> GetPortalsAsync(CancellationToken cancellationToken = default) =>
            Http.SendAsync(new ZohoRequest(HttpMethod.Get, PortalsPath),
                r => ReadWrapped(r, ZohoJsonContext.Default.PortalsEnvelope, e => e.Portals), cancellationToken);

        /// <summary>One portal by name, or null when it does not exist (204, or 400 INVALID_DATA).</summary>
        public async Task<Portal?> GetPortalAsync(string name, CancellationToken cancellationToken = default)
        {
            try
            {
                var list = await Http.SendAsync(new ZohoRequest(HttpMethod.Get, PortalPath(name)),
                    r => ReadWrapped(r, ZohoJsonContext.Default.PortalsEnvelope, e => e.Portals), cancellationToken).ConfigureAwait(false);
                return list.Count > 0 ? list[0] : null;
            }
            catch (Errors.ZohoApiException e) when (e.Code == "INVALID_DATA" && e.HttpStatus == 400)
            {
                return null;
            }
        }

        /// <summary>The creation of the org's portal, checked against Zoho's name rules before anything is sent.</summary>
        public SingleCallPlan PlanPortalCreation(string name)
        {
            PortalNameRules.Validate(name);
            return new SingleCallPlan("POST", PortalsPath, PortalBody(name));
        }

        /// <summary>The rename of a portal, both names checked before anything is sent.</summary>
        public SingleCallPlan PlanPortalRename(string name, string newName)
        {
            PortalNameRules.Validate(newName, "NewName");
            return new SingleCallPlan("PUT", PortalPath(name), PortalBody(newName));
        }

        /// <summary>The deletion of a portal with its user types and users (zoho-api.md "Portals").</summary>
        public SingleCallPlan PlanPortalDeletion(string name) => new SingleCallPlan("DELETE", PortalPath(name), null);

        /// <summary>Sends a portal plan as planned: its method, path and body.</summary>
        public Task<ZohoActionResult> RunPortalPlanAsync(SingleCallPlan plan, CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new System.ArgumentNullException(nameof(plan));
            var request = new ZohoRequest(new HttpMethod(plan.Method), plan.Path) { JsonBody = plan.JsonBody };
            return AfterMetadataChange(Http.SendAsync(request, r => ReadSingleAction(r, "portals", plan.Method, plan.Path), cancellationToken),
                () => Metadata.InvalidatePortals());
        }

        /// <summary>Creates the org's portal (which also creates its default user type).</summary>
        public Task<ZohoActionResult> CreatePortalAsync(string name, CancellationToken cancellationToken = default) =>
            RunPortalPlanAsync(PlanPortalCreation(name), cancellationToken);

        /// <summary>Renames a portal.</summary>
        public Task<ZohoActionResult> RenamePortalAsync(string name, string newName, CancellationToken cancellationToken = default) =>
            RunPortalPlanAsync(PlanPortalRename(name, newName), cancellationToken);

        /// <summary>Deletes a portal with its user types and users (zoho-api.md "Portals").</summary>
        public Task<ZohoActionResult> DeletePortalAsync(string name, CancellationToken cancellationToken = default) =>
            RunPortalPlanAsync(PlanPortalDeletion(name), cancellationToken);

        internal static string PortalPath(string name)
        {
            // Zoho's name rules hold wherever a portal is named: '.', '..' or a 70,000-character name never reach the path.
            PortalNameRules.Validate(name, "Portal");
            return PortalsPath + "/" + ZohoRequest.Segment(name);
        }

        private static string PortalBody(string name) =>
            Serialize(new PortalsRequest { Portals = { new PortalInput { Name = name } } }, ZohoJsonContext.Default.PortalsRequest);
    }
}
