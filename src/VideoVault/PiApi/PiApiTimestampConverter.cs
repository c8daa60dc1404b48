using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>
/// Reads PiAPI's RFC 3339 times, which carry up to nanoseconds (truncated to 100 ns ticks), and
/// maps PiAPI's "unset" marker <c>0001-01-01T00:00:00Z</c> (and an empty string) to <c>null</c>.
/// </summary>
internal sealed class PiApiTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A PiAPI timestamp must be a string, not {reader.TokenType}.");
        }

        if (reader.ValueSpan.IsEmpty)
        {
            return null;
        }

        if (!reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException($"'{reader.GetString()}' is not a PiAPI timestamp.");
        }

        return value == DateTimeOffset.MinValue ? null : value;
    }

    // The serializer writes null itself; the fallback to MinValue is PiAPI's own "unset" marker.
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.GetValueOrDefault());
}
