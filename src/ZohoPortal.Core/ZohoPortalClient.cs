using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Json;
using ZohoPortal.Core.Models;

namespace ZohoPortal.Core
{
    /// <summary>
    /// Typed access to the Zoho CRM portal API: one method per endpoint, batching where the API
    /// caps a call. Each feature area lives in its own partial file (Portals, UserTypes, Users, Invites).
    /// </summary>
    public sealed partial class ZohoPortalClient : IDisposable
    {
        public ZohoPortalClient(ZohoConnectionOptions options, ZohoCredential credential)
        {
            Http = new ZohoHttpClient(options, credential);
            Metadata = NewMetadataCache();
        }

        public ZohoPortalClient(ZohoHttpClient http)
        {
            Http = http ?? throw new ArgumentNullException(nameof(http));
            Metadata = NewMetadataCache();
        }

        /// <summary>The HTTP pipeline, also usable directly for endpoints without a typed method.</summary>
        public ZohoHttpClient Http { get; }
        public ZohoConnectionOptions Options => Http.Options;

        /// <summary>
        /// The connection's portal names and user types, reused between commands for
        /// <see cref="Metadata.MetadataCache.Lifetime"/> and read again after any change this client makes to them.
        /// </summary>
        public Metadata.MetadataCache Metadata { get; }

        private Metadata.MetadataCache NewMetadataCache() =>
            new Metadata.MetadataCache(Options.Clock,
                async ct => (await GetPortalsAsync(ct).ConfigureAwait(false)).ConvertAll(p => p.Name),
                (portal, ct) => GetUserTypesAsync(portal, false, ct))
            { Lifetime = Options.MetadataCacheLifetime };

        public void Dispose() => Http.Dispose();

        /// <summary>Reads {"key":[...]} into a list; an empty answer (204) gives an empty list.</summary>
        internal static List<T> ReadWrapped<TEnvelope, T>(ZohoResponse response, JsonTypeInfo<TEnvelope> info, Func<TEnvelope, List<T>?> select)
        {
            if (response.IsEmpty) return new List<T>();
            var envelope = JsonSerializer.Deserialize(response.Body, info);
            return (envelope == null ? null : select(envelope)) ?? new List<T>();
        }

        /// <summary>Reads every item of an action answer {"key":[{code,details,message,status},...]}.</summary>
        internal static List<ZohoActionResult> ReadActionResults(ZohoResponse response, string wrapperKey)
        {
            var results = new List<ZohoActionResult>();
            if (response.IsEmpty) return results;
            using (var doc = JsonDocument.Parse(response.Body))
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty(wrapperKey, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in items.EnumerateArray())
                    {
                        var item = element.Deserialize(ZohoJsonContext.Default.ZohoActionResult);
                        if (item != null) results.Add(item);
                    }
                    return results;
                }
            }
            throw new JsonException("Expected a \"" + wrapperKey + "\" array.");
        }

        /// <summary>The single result of a one-item action; a failed item becomes a <see cref="ZohoApiException"/>.</summary>
        internal static ZohoActionResult ReadSingleAction(ZohoResponse response, string wrapperKey, string method, string path)
        {
            var results = ReadActionResults(response, wrapperKey);
            if (results.Count == 0) throw new JsonException("Expected one item in \"" + wrapperKey + "\".");
            var result = results[0];
            if (!result.IsSuccess)
                throw new ZohoApiException(response.StatusCode, result.Code, result.Message, result.Details, method, path);
            return result;
        }

        internal static string Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.Serialize(value, info);
    }
}
