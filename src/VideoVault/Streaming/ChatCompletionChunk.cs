using System.Text.Json.Serialization;

namespace VideoVault.Streaming;

/// <summary>
/// The parts of a <c>chat.completion.chunk</c> VideoVault reads. OpenAI-compatible servers may also
/// send an <c>error</c> object in place of a chunk when generation breaks mid-stream.
/// </summary>
internal sealed record ChatCompletionChunk(IReadOnlyList<ChatCompletionChoice>? Choices, ChatCompletionError? Error);

internal sealed record ChatCompletionChoice(int Index, ChatCompletionDelta? Delta, string? FinishReason);

internal sealed record ChatCompletionDelta(string? Content);

internal sealed record ChatCompletionError(string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletionChunk))]
internal sealed partial class ChatStreamJsonContext : JsonSerializerContext;
