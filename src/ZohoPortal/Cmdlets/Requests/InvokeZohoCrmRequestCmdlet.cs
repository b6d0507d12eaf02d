using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using ZohoPortal.Core.Http;
using ZohoPortal.Infrastructure;

namespace ZohoPortal.Cmdlets.Requests
{
    /// <summary>
    /// <para type="synopsis">Calls any Zoho CRM API path with the connection's authentication, retries and tracing.</para>
    /// <para type="description">Invoke-ZohoCrmRequest is the escape hatch for endpoints without a cmdlet. It sends the request through the same pipeline as every ZohoPortal cmdlet (token renewal, throttling retries, concurrency limit, -Verbose/-Debug tracing with secrets masked) and returns the JSON answer as PowerShell objects, or the raw text with -Raw. An answer with no body (204) returns nothing. Zoho errors become errors whose ErrorId is Zoho's code.</para>
    /// <para type="description">-Path is relative to /crm/{version} of the connection (for example /settings/portals), or a full path starting with /crm/. Requests other than GET ask for confirmation according to $ConfirmPreference and support -WhatIf.</para>
    /// </summary>
    /// <example>
    /// <code>Invoke-ZohoCrmRequest -Path /settings/portals</code>
    /// <para>Gets the org's portals as the raw API shape ({ portals = ... }).</para>
    /// </example>
    /// <example>
    /// <code>Invoke-ZohoCrmRequest -Method GET -Path '/settings/portals/ZylkerAutos/user_type' -Query @{ include = 'modules' } -Raw</code>
    /// <para>Gets the user types with their module permissions as JSON text.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-ZohoCrmRequest -Method POST -Path /settings/portals -Body @{ portals = @(@{ name = 'ZylkerCare' }) } -WhatIf</code>
    /// <para>Shows the request that would create a portal, without sending it.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "ZohoCrmRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string))]
    public sealed class InvokeZohoCrmRequestCmdlet : ZohoPortalConnectedCmdlet
    {
        #region Parameters

        /// <summary><para type="description">The HTTP method: GET (default), POST, PUT, PATCH or DELETE.</para></summary>
        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary><para type="description">The path after /crm/{version}, starting with '/', or a full path starting with /crm/.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidatePattern("^/")]
        public string Path { get; set; } = string.Empty;

        /// <summary><para type="description">Query-string parameters; each value is sent as text and escaped.</para></summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary><para type="description">The JSON body: a JSON string, or a hashtable / PSCustomObject / array that is converted to JSON.</para></summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary><para type="description">Returns the answer's body as text instead of objects.</para></summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecordCore()
        {
            CurrentTarget = Path;
            var method = new HttpMethod(Method.ToUpperInvariant());
            var request = new ZohoRequest(method, Path);
            if (Query != null)
                foreach (DictionaryEntry entry in Query)
                    request.AddQuery(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty,
                        LanguagePrimitives.ConvertTo<string>(entry.Value));
            if (Body != null) request.JsonBody = JsonBridge.ToJson(Body);

            if (method != HttpMethod.Get && !ShouldProcess(Path + " on " + ActiveConnection.ApiBaseUrl, method.Method + " request")) return;
            var client = Client;
            ZohoResponse response;
            try
            {
                response = RunAsync(ct => client.Http.SendAsync(request, r => r, ct));
            }
            finally
            {
                // A change to portal settings through the escape hatch may have changed portals or user types: read them again next time.
                if (method != HttpMethod.Get && Path.IndexOf("/settings/portals", System.StringComparison.OrdinalIgnoreCase) >= 0)
                    client.Metadata.InvalidatePortals();
            }
            if (response.IsEmpty) return;
            if (Raw)
            {
                WriteObject(response.Body);
                return;
            }
            using (var document = JsonDocument.Parse(response.Body))
                WriteObject(JsonBridge.ToPowerShell(document.RootElement), enumerateCollection: false);
        }

        #endregion
    }
}
