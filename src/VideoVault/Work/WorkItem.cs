using System.Text.Json.Serialization;

namespace VideoVault.Work;

/// <summary>
/// One queue message: what to do for which task, and how many times it has been tried. The queue stamps
/// the trace context it was sent in and when it becomes visible; items queued by an older version have
/// neither, and still run (in a trace of their own).
/// </summary>
internal sealed record WorkItem(
    [property: JsonPropertyName("kind")] WorkItemKind Kind,
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("visible_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? VisibleAt = null);

[JsonConverter(typeof(JsonStringEnumConverter<WorkItemKind>))]
internal enum WorkItemKind
{
    [JsonStringEnumMemberName("submit")]
    Submit,

    [JsonStringEnumMemberName("archive")]
    Archive,

    [JsonStringEnumMemberName("reconcile")]
    Reconcile,

    [JsonStringEnumMemberName("stream")]
    Stream,

    /// <summary>Delivers the task's events that are due (the CloudEvents queue and the webhook).</summary>
    [JsonStringEnumMemberName("deliver")]
    Deliver,

    /// <summary>The task's deadline has come: cancels it if PiAPI has not started on it, else marks it as having missed it.</summary>
    [JsonStringEnumMemberName("deadline")]
    Deadline,
}
