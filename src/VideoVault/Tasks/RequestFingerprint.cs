using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace VideoVault.Tasks;

/// <summary>A hash of everything the caller asked for, to spot an idempotency key reused for a different request.</summary>
internal static class RequestFingerprint
{
    /// <summary>The inputs of Sora 2 requests before the catalog, with the JSON type each was hashed as.</summary>
    private static readonly (string Name, JsonValueKind Kind)[] SoraInputs =
    [
        ("aspect_ratio", JsonValueKind.String),
        ("resolution", JsonValueKind.String),
        ("duration", JsonValueKind.Number),
        ("image_url", JsonValueKind.String),
    ];

    public static string Of(VideoRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var input = request.InputJson is null ? null : JsonDocument.Parse(request.InputJson))
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(request.Model);
            writer.WriteStringValue(request.TaskType);
            writer.WriteStringValue(request.Prompt);
            var sora = input is null || IsSoraShaped(input.RootElement);
            if (sora)
            {
                // The layout of the hashes stored before the catalog, so an Idempotency-Key repeat of an old Sora request still finds its task.
                foreach (var (name, _) in SoraInputs)
                {
                    WriteScalar(writer, input is not null && input.RootElement.TryGetProperty(name, out var value) ? value : default);
                }
            }
            else
            {
                input!.RootElement.WriteTo(writer);
            }

            writer.WriteStringValue(request.MetadataJson);

            // Only a request with a subscription hashes it, so fingerprints of tasks stored before subscriptions existed still match.
            if (request.Webhook is { } webhook)
            {
                writer.WriteStringValue(webhook.Url.AbsoluteUri);
                writer.WriteStringValue(webhook.Events is null ? null : string.Join(',', webhook.Events));
            }

            // Likewise a deadline.
            if (request.Deadline is { } deadline)
            {
                writer.WriteStringValue(deadline);
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static bool IsSoraShaped(JsonElement input) =>
        input.EnumerateObject().All(property => property.Name == "prompt"
            || SoraInputs.Any(known => known.Name == property.Name && known.Kind == property.Value.ValueKind
                && (known.Kind != JsonValueKind.Number || property.Value.TryGetInt32(out _))));

    private static void WriteScalar(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(value.GetInt32());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
