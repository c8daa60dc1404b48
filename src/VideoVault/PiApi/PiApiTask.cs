using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>PiAPI's unified task object, as returned by create and get and sent in webhooks.</summary>
internal sealed record PiApiTask
{
    public required string TaskId { get; init; }

    public string? Model { get; init; }

    public string? TaskType { get; init; }

    public PiApiTaskStatus Status { get; init; }

    public PiApiTaskConfig? Config { get; init; }

    /// <summary>The input as PiAPI echoes it; its fields differ by model.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Model-specific: null or a shell of empty strings until the task completes (see <see cref="Catalog.OutputLocator"/>).</summary>
    public JsonElement? Output { get; init; }

    public PiApiTaskMeta? Meta { get; init; }

    public JsonElement? Detail { get; init; }

    public JsonElement? Logs { get; init; }

    public PiApiTaskError? Error { get; init; }
}
