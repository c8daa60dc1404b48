using Microsoft.Extensions.Logging;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Handles messages the queue trigger gave up on: the task is marked failed with the reason, so
/// nothing stays stuck silently. It ends every message it gets, whatever happens: a poison queue has
/// no poison queue of its own, so a message this threw on would come back every visibility timeout
/// for ever. A task it cannot mark stays open, and the reconcile sweep finds it.
/// </summary>
internal sealed partial class PoisonProcessor(TaskUpdater updater, ILogger<PoisonProcessor> logger)
{
    /// <param name="message">The message's text as stored (see <see cref="WorkMessage"/>); empty or null for an empty message.</param>
    public async Task ProcessAsync(string? message, CancellationToken cancellationToken)
    {
        try
        {
            await MarkFailedAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Abandoned(logger, message?.Length ?? 0, exception);
        }
    }

    private async Task MarkFailedAsync(string? message, CancellationToken cancellationToken)
    {
        var item = WorkMessage.TryRead(message);
        if (item is null || !TaskIds.IsValid(item.TaskId))
        {
            Log.Malformed(logger, message?.Length ?? 0);
            return;
        }

        if (item.Kind == WorkItemKind.Deliver)
        {
            // Delivering events never fails the task: the change they report happened. The event stays due, and the event sweep queues it again.
            Log.DeliveryPoisoned(logger, item.TaskId);
            return;
        }

        var failure = item.Kind switch
        {
            WorkItemKind.Submit => VideoTaskStatus.SubmitFailed,
            WorkItemKind.Archive => VideoTaskStatus.ArchiveFailed,
            _ => VideoTaskStatus.Failed,
        };
        var update = await updater.UpdateAsync(item.TaskId, current =>
            TaskStatusRules.IsTerminal(current.Status)
                ? null
                : current with
                {
                    Status = failure == VideoTaskStatus.Failed && !TaskStatusRules.CanMove(current.Status, failure) ? VideoTaskStatus.ArchiveFailed : failure,
                    Error = $"The {item.Kind.ToString().ToLowerInvariant()} step failed repeatedly with unexpected errors and was given up.",
                    ArchiveLeaseUntil = null,
                    StreamLeaseUntil = null,
                },
            cancellationToken).ConfigureAwait(false);
        if (update is { Changed: true })
        {
            Log.MarkedFailed(logger, item.TaskId, item.Kind);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Dropped a poison message that is not a valid work item ({Length} characters)")]
        public static partial void Malformed(ILogger logger, int length);

        [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Task {TaskId} marked failed: its {Kind} work item was poisoned")]
        public static partial void MarkedFailed(ILogger logger, string taskId, WorkItemKind kind);

        [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Task {TaskId}: delivering its events failed repeatedly with unexpected errors; the event sweep will try again")]
        public static partial void DeliveryPoisoned(ILogger logger, string taskId);

        [LoggerMessage(EventId = 602, Level = LogLevel.Critical, Message = "Dropped a poison message ({Length} characters) whose task could not be marked failed; the reconcile sweep will find the task")]
        public static partial void Abandoned(ILogger logger, int length, Exception exception);
    }
}
