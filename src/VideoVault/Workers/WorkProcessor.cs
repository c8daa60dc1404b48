using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoVault.Events;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Handles one work-queue message. Known transient failures are re-enqueued with backoff inside the
/// handlers; anything unexpected is left to throw, so the queue trigger retries it and finally
/// moves it to the poison queue.
/// </summary>
internal sealed partial class WorkProcessor(
    ITaskStore store,
    TaskSubmitter submitter,
    ArchiveCoordinator archive,
    TaskReconciler reconciler,
    ChatStreamRunner streams,
    EventDeliverer events,
    VideoVaultMetrics metrics,
    TimeProvider timeProvider,
    TaskDeadline deadlines,
    ILogger<WorkProcessor> logger)
{
    /// <param name="message">The message's text as stored (see <see cref="WorkMessage"/>); empty or null for an empty message.</param>
    public async Task ProcessAsync(string? message, CancellationToken cancellationToken)
    {
        var item = WorkMessage.TryRead(message);
        if (item is null || !TaskIds.IsValid(item.TaskId))
        {
            // Retrying cannot make a malformed message valid; dropping it (completing it) is the only way forward.
            Log.Malformed(logger, message?.Length ?? 0);
            return;
        }

        Log.Processing(logger, item.Kind, item.TaskId, item.Attempt);
        var kind = WorkItemJson.KindName(item.Kind);
        if (item.VisibleAt is { } visibleAt)
        {
            metrics.WorkItemWaited(kind, timeProvider.GetUtcNow() - visibleAt);
        }

        // Started here, not in an async method of its own, so that it is the current span of the handler.
        var stored = item.TraceParent is null ? await StoredTraceParentAsync(item.TaskId, cancellationToken).ConfigureAwait(false) : null;
        using var activity = item.TraceParent is null
            ? VideoVaultTelemetry.StartTaskActivity("work " + kind, item.TaskId, stored, ActivityKind.Consumer)
            : VideoVaultTelemetry.StartContinuedActivity("work " + kind, item.TaskId, item.TraceParent);
        activity?.SetTag(VideoVaultTelemetry.WorkKindTag, kind);
        activity?.SetTag(VideoVaultTelemetry.AttemptTag, item.Attempt);
        try
        {
            await HandleAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity.RecordFailure(exception);
            throw;
        }
    }

    /// <summary>
    /// A work item's span continues the trace the item was queued in. An item queued with none (by a sweep,
    /// an operator's recovery, an older version) joins the task's stored trace instead, linked to the one it
    /// arrived in, so whatever queued the work, the task's life stays one trace. Only such items cost this
    /// read, and only while spans are collected.
    /// </summary>
    private async Task<string?> StoredTraceParentAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!VideoVaultTelemetry.Source.HasListeners())
        {
            return null;
        }

        try
        {
            return (await store.GetAsync(taskId, cancellationToken).ConfigureAwait(false))?.TraceParent;
        }
        catch (Exception exception) when (exception is UnreadableTaskException || StorageOutage.IsOutage(exception))
        {
            // The handler reads the task too and deals with what it finds; the span only misses the task's trace.
            return null;
        }
    }

    private async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case WorkItemKind.Submit:
                await submitter.SubmitAsync(item, cancellationToken).ConfigureAwait(false);
                break;
            case WorkItemKind.Archive:
                await archive.RunAsync(item.TaskId, null, cancellationToken).ConfigureAwait(false);
                break;
            case WorkItemKind.Reconcile:
                await reconciler.ReconcileAsync(item, cancellationToken).ConfigureAwait(false);
                break;
            case WorkItemKind.Stream:
                await streams.RunAsync(item, cancellationToken).ConfigureAwait(false);
                break;
            case WorkItemKind.Deliver:
                await events.DeliverAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
                break;
            case WorkItemKind.Deadline:
                await deadlines.EnforceAsync(item, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Work item kind {item.Kind} has no handler.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Dropped a work message that is not a valid work item ({Length} characters)")]
        public static partial void Malformed(ILogger logger, int length);

        [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "Processing {Kind} for task {TaskId} (attempt {Attempt})")]
        public static partial void Processing(ILogger logger, WorkItemKind kind, string taskId, int attempt);
    }
}
