using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>The body of <c>POST /api/v1/task</c>.</summary>
internal sealed record PiApiCreateTaskRequest
{
    public required string Model { get; init; }

    public required string TaskType { get; init; }

    /// <summary>The model's input object, as the catalog validated it.</summary>
    public required JsonElement Input { get; init; }

    public PiApiTaskConfig? Config { get; init; }
}
