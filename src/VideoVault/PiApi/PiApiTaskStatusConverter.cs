using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>
/// Reads statuses case-insensitively and maps a status PiAPI may add later to
/// <see cref="PiApiTaskStatus.Unknown"/>, so a new vendor state never makes a whole task unreadable.
/// </summary>
internal sealed class PiApiTaskStatusConverter : JsonConverter<PiApiTaskStatus>
{
    public override PiApiTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => PiApiTaskStatus.Unknown,
            JsonTokenType.String => Parse(reader.GetString()!),
            _ => throw new JsonException($"A PiAPI task status must be a string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, PiApiTaskStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString().ToLowerInvariant());

    // Not Enum.TryParse: it also accepts numbers ("3") and lists ("pending, failed").
    private static PiApiTaskStatus Parse(string value) => value.ToLowerInvariant() switch
    {
        "pending" => PiApiTaskStatus.Pending,
        "staged" => PiApiTaskStatus.Staged,
        "processing" => PiApiTaskStatus.Processing,
        "running" => PiApiTaskStatus.Running,
        "completed" => PiApiTaskStatus.Completed,
        "failed" => PiApiTaskStatus.Failed,
        "cancelled" or "canceled" => PiApiTaskStatus.Cancelled,
        _ => PiApiTaskStatus.Unknown,
    };
}
