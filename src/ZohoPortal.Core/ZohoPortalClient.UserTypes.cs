using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
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
        /// <summary>Every user type of a portal (at most five); with <paramref name="includeModules"/> each carries its module permissions.</summary>
        public async Task<List<PortalUserType>> GetUserTypesAsync(string portal, bool includeModules = false, CancellationToken cancellationToken = default)
        {
            var request = new ZohoRequest(HttpMethod.Get, UserTypesPath(portal));
            if (includeModules) request.AddQuery("include", "modules");
            var list = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.UserTypesEnvelope, e => e.UserTypes), cancellationToken).ConfigureAwait(false);
            foreach (var type in list) type.PortalName = portal;
            return list;
        }

        /// <summary>One user type with its modules, or null when the id is unknown (D8: 204, or 400 INVALID_DATA naming the id).</summary>
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

        internal const string NoSuchPortalMessage = "No portal exists with the given portal name.";

        internal static string UserTypesPath(string portal) => PortalPath(portal) + "/user_type";

        internal static string UserTypePath(string portal, string userTypeId) => UserTypesPath(portal) + "/" + ZohoRequest.Segment(userTypeId);
    }
}
