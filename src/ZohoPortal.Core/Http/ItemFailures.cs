using System;
using System.Collections.Generic;
using System.Linq;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Http
{
    /// <summary>
    /// The one conversion from an exception to a per-item result: a call refused or failed as a
    /// whole gives each of its items this result, keeping Zoho's code, message, details and status
    /// (TRANSPORT_ERROR when no answer came).
    /// </summary>
    internal static class ItemFailures
    {
        /// <summary>Whether <paramref name="e"/> is a failure of the call (as opposed to bad input or cancellation).</summary>
        public static bool IsCallFailure(Exception e) => e is ZohoApiException || e is ZohoTransportException;

        public static ZohoActionResult From(Exception e, string id, string detailKey)
        {
            switch (e)
            {
                case ZohoApiException api:
                    return Failed(id, detailKey, api.Code, api.ZohoMessage, api.Details, api.HttpStatus);
                case ZohoTransportException transport:
                    return Failed(id, detailKey, "TRANSPORT_ERROR", transport.Message, null, 0);
                default:
                    throw new ArgumentException("Not a call failure: " + e.GetType().Name, nameof(e));
            }
        }

        public static List<ZohoActionResult> ForEach(Exception e, IEnumerable<string> ids, string detailKey) =>
            ids.Select(id => From(e, id, detailKey)).ToList();

        /// <summary>A failed result for one item, naming it in details under <paramref name="detailKey"/>.</summary>
        public static ZohoActionResult Failed(string id, string detailKey, string code, string message, IReadOnlyDictionary<string, string?>? details, int httpStatus)
        {
            var copy = details == null ? new Dictionary<string, string?>() : details.ToDictionary(kv => kv.Key, kv => kv.Value);
            copy[detailKey] = id;
            return new ZohoActionResult { Code = code, Status = "error", Message = message, Details = copy, HttpStatus = httpStatus };
        }
    }
}
