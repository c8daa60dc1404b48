using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoVault.PiApiSimulator.Chat;

internal sealed record ChatRequest(string? Model, IReadOnlyList<ChatMessage>? Messages, bool? Stream);

/// <summary>A message; <c>content</c> is a string or an array of <c>{type, text}</c> parts.</summary>
internal sealed record ChatMessage(string? Role, JsonElement? Content);

internal sealed record ChatChunk(string Id, string Object, string Model, long Created, IReadOnlyList<ChatChoice> Choices);

internal sealed record ChatChoice(int Index, ChatDelta Delta, string? FinishReason);

internal sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content)
{
    public static ChatDelta Empty { get; } = new(null, null);
}

/// <summary>The stream's last JSON chunk: note the vendor's field order (created before model) and no finish_reason.</summary>
internal sealed record ChatUsageChunk(string Id, string Object, long Created, string Model, IReadOnlyList<ChatUsageChoice> Choices, ChatUsage Usage);

internal sealed record ChatUsageChoice(int Index, ChatDelta Delta);

internal sealed record ChatUsage(
    int PromptTokens,
    int CompletionTokens,
    int TotalTokens,
    EmptyDetails PromptTokensDetails,
    EmptyDetails CompletionTokensDetails,
    int InputTokens,
    int OutputTokens,
    JsonElement? InputTokensDetails);

/// <summary>Serialises as <c>{}</c>.</summary>
internal sealed record EmptyDetails
{
    public static EmptyDetails Instance { get; } = new();
}

/// <summary>OpenAI-style error body, as the chat completions endpoint answers errors.</summary>
internal sealed record ChatErrorResponse(ChatError Error);

internal sealed record ChatError(string Message, string Type, string Code);
