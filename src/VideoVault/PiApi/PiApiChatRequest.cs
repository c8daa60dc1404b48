namespace VideoVault.PiApi;

/// <summary>The body of <c>POST /v1/chat/completions</c>: one user message carrying the prompt, streamed.</summary>
internal sealed record PiApiChatRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<PiApiChatMessage> Messages { get; init; }

    /// <summary>Always true: the Sora 2 chat models answer only as a stream.</summary>
    public bool Stream { get; init; } = true;
}

internal sealed record PiApiChatMessage(string Role, string Content);

/// <summary>An error answer of the chat endpoint: OpenAI's <c>{error: {message}}</c>, or PiAPI's envelope <c>{message}</c>.</summary>
internal sealed record PiApiChatErrorBody(PiApiChatError? Error, string? Message);

internal sealed record PiApiChatError(string? Message);
