using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    public sealed partial class ZohoPortalClient
    {
        /// <summary>
        /// The fields of a CRM module (GET /settings/fields?module=, zoho-api.md "Field metadata"),
        /// which portal meta does not list. Needs the scope ZohoCRM.settings.fields.READ (or
        /// .ALL, or ZohoCRM.settings.ALL). Empty when Zoho answers 204.
        /// </summary>
        public async Task<List<CrmFieldMeta>> GetFieldsAsync(string module, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(module))
                throw new ZohoValidationException("ModuleRequired", "Name the module whose fields to list.", "Module");
            var request = new ZohoRequest(HttpMethod.Get, "/settings/fields").AddQuery("module", module);
            var fields = await Http.SendAsync(request, r => ReadWrapped(r, ZohoJsonContext.Default.FieldsEnvelope, e => e.Fields), cancellationToken).ConfigureAwait(false);
            foreach (var field in fields) field.Module = module;
            return fields;
        }
    }
}
