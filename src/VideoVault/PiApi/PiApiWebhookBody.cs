namespace VideoVault.PiApi;

/// <summary>The body PiAPI posts to a task's webhook endpoint.</summary>
internal sealed record PiApiWebhookBody
{
    /// <summary>When PiAPI sent the event, in Unix seconds.</summary>
    public required long Timestamp { get; init; }

    public required PiApiTask Data { get; init; }
}
