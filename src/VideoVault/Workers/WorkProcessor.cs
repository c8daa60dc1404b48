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

        using var activity = VideoVaultTelemetry.StartContinuedActivity("work " + kind, item.TaskId, item.TraceParent);
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

    private async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case WorkItemKind.Submit:
                await submitter.SubmitAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
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
