using System.Text.Json;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>Body of <c>POST /api/v1/task</c> (PiAPI unified schema).</summary>
/// <remarks><c>input</c> stays raw JSON: each family validates it against its own fields (<c>Families/</c>).</remarks>
internal sealed record CreateTaskRequest(string? Model, string? TaskType, JsonElement? Input, TaskConfig? Config);

internal sealed record TaskConfig(string? ServiceMode, WebhookConfig? WebhookConfig);

internal sealed record WebhookConfig(string? Endpoint, string? Secret);

/// <summary>The task object PiAPI returns from create and get and sends in webhooks.</summary>
internal sealed record PiTask(
    string TaskId,
    string Model,
    string TaskType,
    string Status,
    TaskConfig Config,
    JsonElement Input,
    JsonElement? Output,
    TaskMeta Meta,
    JsonElement? Detail,
    IReadOnlyList<string> Logs,
    TaskError Error);

internal sealed record TaskMeta(string CreatedAt, string StartedAt, string EndedAt, TaskUsage Usage, bool IsUsingPrivatePool);

internal sealed record TaskUsage(string Type, long Frozen, long Consume);

internal sealed record TaskError(int Code, string RawMessage, string Message, JsonElement? Detail)
{
    public static TaskError None { get; } = new(0, "", "", null);
}

/// <summary>PiAPI's response envelope; errors carry the HTTP status as <c>code</c> and null <c>data</c>.</summary>
internal sealed record ApiEnvelope(int Code, PiTask? Data, string Message);

/// <summary>PiAPI's answer to a successful cancel: <c>{"code":200,"message":"task ... canceled"}</c>, no <c>data</c>.</summary>
internal sealed record CancelAnswer(int Code, string Message);

/// <summary>Body of every webhook POST.</summary>
internal sealed record WebhookBody(long Timestamp, PiTask Data);
