using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Views;

namespace VideoVault.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<DeliveryAttempt>))]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(CloudEventMessage))]
[JsonSerializable(typeof(TaskEventListView))]
[JsonSerializable(typeof(TaskEventView))]
[JsonSerializable(typeof(ReceiverListView))]
[JsonSerializable(typeof(RecoveryView))]
internal sealed partial class EventJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contract with non-ASCII text left unescaped. Prompts and metadata may be any language,
    /// and escaped (six characters each) they could grow a task view past what one Table property
    /// (32 K characters) or one queue message (64 KiB, base64) holds. The output goes to JSON parsers, never into HTML.
    /// </summary>
    public static EventJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>The webhook body: Standard Webhooks' <c>type</c>, <c>timestamp</c> and <c>data</c>, plus the event's id and its place in the task's order.</summary>
internal sealed record WebhookPayload(string Id, string Type, DateTimeOffset Timestamp, int Sequence, TaskView Data);

/// <summary>
/// A CloudEvents 1.0 event in the JSON format. <c>sequence</c> is the CloudEvents sequence extension
/// (a string, compared lexicographically, hence zero-padded).
/// </summary>
internal sealed record CloudEventMessage(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("sequence")] string Sequence,
    [property: JsonPropertyName("data")] TaskView Data);
