using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZohoPortal.Core.Json
{
    /// <summary>
    /// Reads any JSON scalar into a string (zoho-api.md "Ids": ids are strings, but some answers print them as
    /// numbers) and nested values as their raw JSON text, so a details object can be kept as
    /// string pairs without losing anything.
    /// </summary>
    internal sealed class FlexibleStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    using (var doc = JsonDocument.ParseValue(ref reader)) return doc.RootElement.GetRawText();
                case JsonTokenType.Null: return null;
                default:
                    using (var doc = JsonDocument.ParseValue(ref reader)) return doc.RootElement.GetRawText();
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // Dictionary keys (details objects) are plain property names.
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() ?? string.Empty;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);
    }
}
