using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>PiAPI's unified task object, as returned by create and get and sent in webhooks.</summary>
public sealed record PiApiTask
{
    public required string TaskId { get; init; }

    public string? Model { get; init; }

    public string? TaskType { get; init; }

    public PiApiTaskStatus Status { get; init; }

    public PiApiTaskConfig? Config { get; init; }

    public PiApiTaskInput? Input { get; init; }

    public PiApiTaskOutput? Output { get; init; }

    public PiApiTaskMeta? Meta { get; init; }

    public JsonElement? Detail { get; init; }

    public JsonElement? Logs { get; init; }

    public PiApiTaskError? Error { get; init; }
}
