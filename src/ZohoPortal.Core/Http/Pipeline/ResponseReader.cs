using System.Text.Json;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>Reads Zoho's answers: error bodies, and whether a 207/400 is a per-item batch answer (zoho-api.md "Mixed batches").</summary>
    internal static class ResponseReader
    {
        public static bool IsBatchAnswer(ZohoRequest request, ZohoResponse response)
        {
            if (request.BatchWrapperKey == null || (response.StatusCode != 207 && response.StatusCode != 400)) return false;
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    return doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.TryGetProperty(request.BatchWrapperKey, out var items)
                        && items.ValueKind == JsonValueKind.Array;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public static ZohoApiException ToException(ZohoRequest request, ZohoResponse response, Redactor redactor)
        {
            var error = TryReadError(response.Body);
            if (error?.Code != null)
                return new ZohoApiException(response.StatusCode, error.Code, error.Message ?? string.Empty, error.Details, request.Method.Method, request.Path);
            // Per-item errors of a single-item wrapper ({"portals":[{...error...}]}) carry the real reason.
            var item = TryReadFirstWrappedError(response.Body);
            if (item != null)
                return new ZohoApiException(response.StatusCode, item.Code, item.Message, item.Details, request.Method.Method, request.Path);
            var text = response.Body.Length == 0 ? "(empty body)" : Truncate(redactor.Redact(response.Body), 300);
            return new ZohoApiException(response.StatusCode, "HTTP_" + response.StatusCode, "Unexpected answer: " + text, null, request.Method.Method, request.Path);
        }

        public static ZohoErrorBody? TryReadError(string body)
        {
            if (string.IsNullOrEmpty(body)) return null;
            try
            {
                var parsed = JsonSerializer.Deserialize(body, ZohoJsonContext.Default.ZohoErrorBody);
                return parsed?.Code == null ? null : parsed;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static ZohoActionResult? TryReadFirstWrappedError(string body)
        {
            if (string.IsNullOrEmpty(body)) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
                    foreach (var property in doc.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.Array) continue;
                        foreach (var element in property.Value.EnumerateArray())
                        {
                            if (element.ValueKind != JsonValueKind.Object) continue;
                            var item = element.Deserialize(ZohoJsonContext.Default.ZohoActionResult);
                            if (item != null && !item.IsSuccess && !string.IsNullOrEmpty(item.Code)) return item;
                        }
                    }
                }
            }
            catch (JsonException)
            {
            }
            return null;
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "... (" + text.Length + " chars)";
    }
}
