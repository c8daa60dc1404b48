namespace VideoVault.Tasks;

/// <summary>What the caller asked for, validated; mirrors PiAPI's unified request.</summary>
internal sealed record VideoRequest
{
    public required string Model { get; init; }

    /// <summary>Empty for chat-completions models, which have none.</summary>
    public required string TaskType { get; init; }

    /// <summary>The prompt, also inside <see cref="InputJson"/>; empty for a model that takes none (Hailuo's image-to-video).</summary>
    public required string Prompt { get; init; }

    /// <summary>
    /// The validated <c>input</c> object PiAPI gets, as JSON: the catalog entry's fields in its order, strings
    /// trimmed. Null for chat-completions models, which take the prompt alone.
    /// </summary>
    public string? InputJson { get; init; }

    /// <summary>The catalog entry the task was made with (<see cref="Catalog.CatalogEntry.Id"/>); null for chat-completions models.</summary>
    public string? CatalogEntryId { get; init; }

    /// <summary>The caller's own metadata object as JSON, echoed back untouched.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>When a task PiAPI has not accepted, or still holds pending, is cancelled (as Replicate's <c>Cancel-After</c>).</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Where the caller wants the task's events, if anywhere.</summary>
    public WebhookSubscription? Webhook { get; init; }
}
