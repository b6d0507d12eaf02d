using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Converts between PowerShell values and JSON without ConvertTo-Json/ConvertFrom-Json, which
    /// live in a module this one must not depend on. Objects become PSCustomObjects, arrays
    /// object[], numbers long or decimal.
    /// </summary>
    internal static class JsonBridge
    {
        private const int MaxDepth = 64;

        public static object? ToPowerShell(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var obj = new PSObject();
                    foreach (var property in element.EnumerateObject())
                        obj.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                    return obj;
                case JsonValueKind.Array:
                    var list = new ArrayList();
                    foreach (var item in element.EnumerateArray()) list.Add(ToPowerShell(item));
                    return list.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var l)) return l;
                    return element.GetDecimal();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>JSON text for a hashtable, PSCustomObject, array or scalar; a string is taken as JSON already.</summary>
        public static string ToJson(object? value)
        {
            var unwrapped = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            if (unwrapped is string text) return text;
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                    Write(writer, value, 0);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException("The body is nested more than " + MaxDepth + " levels deep.");
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject)
                {
                    writer.WriteStartObject();
                    foreach (var property in ps.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    return;
                }
                value = ps.BaseObject;
            }

            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case SwitchParameter sw:
                    writer.WriteBooleanValue(sw.IsPresent);
                    return;
                case DateTime dt:
                    writer.WriteStringValue(dt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset dto:
                    writer.WriteStringValue(dto.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
                    return;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
                case IConvertible convertible when IsNumber(convertible.GetTypeCode()):
                    writer.WriteRawValue(convertible.ToString(CultureInfo.InvariantCulture));
                    return;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        private static bool IsNumber(TypeCode code) => code >= TypeCode.SByte && code <= TypeCode.Decimal;
    }
}
