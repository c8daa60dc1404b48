using System.Diagnostics;

namespace VideoVault.Telemetry;

/// <summary>
/// The app's one ActivitySource and the names its spans and attributes use. Attributes hold ids, models,
/// statuses, sizes and host+path addresses only: never a secret, key, SAS signature, prompt or caller metadata.
/// </summary>
internal static class VideoVaultTelemetry
{
    /// <summary>The name of both the ActivitySource and the Meter.</summary>
    public const string Name = "VideoVault";

    public const string TaskIdTag = "videovault.task_id";
    public const string ModelTag = "videovault.model";
    public const string WorkKindTag = "videovault.work.kind";
    public const string AttemptTag = "videovault.attempt";
    public const string OutcomeTag = "videovault.outcome";
    public const string OperationTag = "videovault.piapi.operation";
    public const string CopyBytesTag = "videovault.copy.bytes";
    public const string CopyBytesPerSecondTag = "videovault.copy.bytes_per_second";
    public const string EventTypeTag = "videovault.event.type";
    public const string EventChannelTag = "videovault.event.channel";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// Starts a span for one step of a task. PiAPI's webhooks and the sweeps arrive outside the task's
    /// trace: given the task's stored <c>traceparent</c>, the span joins that trace and links to the one it
    /// arrived in, so a task's whole life reads as one trace.
    /// </summary>
    public static Activity? StartTaskActivity(string name, string taskId, string? storedTraceParent = null, ActivityKind kind = ActivityKind.Internal)
    {
        var current = Activity.Current;
        Activity? activity;
        if (ActivityContext.TryParse(storedTraceParent, null, isRemote: true, out var stored) && current?.TraceId != stored.TraceId)
        {
            var links = current is null ? null : new[] { new ActivityLink(current.Context) };
            activity = Source.StartActivity(name, kind, stored, links: links);
        }
        else
        {
            activity = Source.StartActivity(name, kind);
        }

        activity?.SetTag(TaskIdTag, taskId);
        return activity;
    }

    /// <summary>
    /// The trace context a work item for the task should carry: the current span's when it is one of the
    /// task's, otherwise the task's stored one (a webhook's status change is written before its span starts).
    /// </summary>
    public static string? TraceParentFor(string taskId, string? stored) =>
        Activity.Current is { } current && Equals(current.GetTagItem(TaskIdTag), taskId) ? current.Id : stored;

    /// <summary>A span inside the current one, carrying its task id (the callee need not know the task).</summary>
    public static Activity? StartChildActivity(string name, ActivityKind kind = ActivityKind.Internal)
    {
        var taskId = Activity.Current?.GetTagItem(TaskIdTag);
        var activity = Source.StartActivity(name, kind);
        activity?.SetTag(TaskIdTag, taskId);
        return activity;
    }

    /// <summary>A span that continues the trace given (a work item's), or a new trace when there is none or it cannot be read.</summary>
    public static Activity? StartContinuedActivity(string name, string taskId, string? traceParent)
    {
        var parent = ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        var activity = Source.StartActivity(name, ActivityKind.Consumer, parent);
        activity?.SetTag(TaskIdTag, taskId);
        return activity;
    }

    /// <summary>Marks a span failed with the exception's type only: messages can quote URLs or bodies.</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
