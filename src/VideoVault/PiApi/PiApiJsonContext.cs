using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>Source-generated (de)serialization of PiAPI's snake_case JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PiApiEnvelope))]
[JsonSerializable(typeof(PiApiTask))]
[JsonSerializable(typeof(PiApiCreateTaskRequest))]
[JsonSerializable(typeof(PiApiWebhookBody))]
[JsonSerializable(typeof(PiApiChatRequest))]
[JsonSerializable(typeof(PiApiChatErrorBody))]
internal sealed partial class PiApiJsonContext : JsonSerializerContext;
