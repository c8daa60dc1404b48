using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace VideoVault.Tasks;

/// <summary>A hash of everything the caller asked for, to spot an idempotency key reused for a different request.</summary>
internal static class RequestFingerprint
{
    public static string Of(VideoRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(request.Model);
            writer.WriteStringValue(request.TaskType);
            writer.WriteStringValue(request.Prompt);
            writer.WriteStringValue(request.AspectRatio);
            writer.WriteStringValue(request.Resolution);
            if (request.Duration is { } duration)
            {
                writer.WriteNumberValue(duration);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStringValue(request.ImageUrl);
            writer.WriteStringValue(request.MetadataJson);

            // Only a request with a subscription hashes it, so fingerprints of tasks stored before subscriptions existed still match.
            if (request.Webhook is { } webhook)
            {
                writer.WriteStringValue(webhook.Url.AbsoluteUri);
                writer.WriteStringValue(webhook.Events is null ? null : string.Join(',', webhook.Events));
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
