using VideoVault.Events;

namespace VideoVault.Tasks;

/// <summary>What the caller asked for, validated; mirrors PiAPI's unified request.</summary>
public sealed record VideoRequest
{
    public required string Model { get; init; }

    public required string TaskType { get; init; }

    public required string Prompt { get; init; }

    public string? AspectRatio { get; init; }

    public string? Resolution { get; init; }

    public int? Duration { get; init; }

    public string? ImageUrl { get; init; }

    /// <summary>The caller's own metadata object as JSON, echoed back untouched.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>Where the caller wants the task's events, if anywhere.</summary>
    public WebhookSubscription? Webhook { get; init; }
}
