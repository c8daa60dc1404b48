namespace VideoVault.PiApi;

/// <summary>The body of <c>POST /api/v1/task</c>.</summary>
public sealed record PiApiCreateTaskRequest
{
    public required string Model { get; init; }

    public required string TaskType { get; init; }

    public required PiApiTaskInput Input { get; init; }

    public PiApiTaskConfig? Config { get; init; }
}
