using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoVault.PiApiSimulator.Chat;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Tasks;

namespace VideoVault.PiApiSimulator.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateTaskRequest))]
[JsonSerializable(typeof(ApiEnvelope))]
[JsonSerializable(typeof(WebhookBody))]
[JsonSerializable(typeof(CancelAnswer))]
[JsonSerializable(typeof(RemovedModelsBody))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ChatUsageChunk))]
[JsonSerializable(typeof(ChatErrorResponse))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Like <see cref="JsonSerializerContext"/>'s default, but writing non-ASCII text (the chat stream's emoji) as
    /// raw UTF-8, the way the vendor does.
    /// </summary>
    public static SimulatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
