using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>
/// Turns status changes into events, central to every transition: the task updater writes
/// through it. A change that raises events is stored together with them in one transaction guarded by
/// the task's ETag, so an event exists exactly when the change it reports does: a lost race writes
/// neither, and no crash can separate them. The events are written holding their delivery lease, and
/// handed to the <see cref="EventDispatcher"/> after the write, so this process delivers them at once
/// without making the writer wait; the work queue takes over when the dispatcher is full, and the event
/// sweep when the process dies first.
/// </summary>
internal sealed partial class TaskEventJournal(
    ITaskStore store,
    TaskViewFactory views,
    EventDispatcher dispatcher,
    IWorkQueue workQueue,
    IOptionsMonitor<EventOptions> options,
    ILogger<TaskEventJournal> logger)
{
    /// <param name="current">The state <paramref name="next"/> was decided on; <paramref name="next"/> carries its ETag and the new UpdatedAt.</param>
    /// <returns>The task as written, or null when someone else changed it first.</returns>
    public async Task<VideoTask?> TryReplaceAsync(VideoTask current, VideoTask next, CancellationToken cancellationToken)
    {
        var types = TaskEventTypes.Raised(current, next);
        if (types.Count == 0)
        {
            return await store.TryReplaceAsync(next, current.Status, [], cancellationToken).ConfigureAwait(false);
        }

        // Every event, a milestone or one raised after a terminal status, takes the next number from the count.
        var first = (current.EventCount ?? TaskEventTypes.RaisedSoFar(current.Status)) + 1;
        next = next with { EventCount = first + types.Count - 1 };
        var data = EventPayloads.Snapshot(await views.CreateAsync(next, withLink: false, cancellationToken).ConfigureAwait(false));
        var subscription = next.Request.Webhook;
        var receiver = subscription is null ? null : ReceiverUrl.Key(subscription.Url);

        // Whole milliseconds, so the lease compares equal after its round trip through storage.
        var lease = next.UpdatedAt + options.CurrentValue.DeliveryLease;
        lease = lease.AddTicks(-(lease.Ticks % TimeSpan.TicksPerMillisecond));
        var records = types.Select((type, index) => new TaskEventRecord
        {
            TaskId = next.Id,
            Sequence = first + index,
            Type = type,
            OccurredAt = next.UpdatedAt,
            TaskStatus = next.Status,
            Data = data,
            Webhook = subscription?.Wants(type) == true ? WebhookDeliveryState.Pending : WebhookDeliveryState.NotSubscribed,
            Receiver = receiver,
            DueAt = next.UpdatedAt,
            LeaseUntil = lease,
        }).ToList();

        var written = await store.TryReplaceAsync(next, current.Status, records, cancellationToken).ConfigureAwait(false);
        if (written is not null)
        {
            Log.Raised(logger, next.Id, string.Join(", ", types), first);
            if (!dispatcher.TryDispatch(next.Id, lease))
            {
                await AnnounceAsync(next.Id, VideoVaultTelemetry.TraceParentFor(next.Id, next.TraceParent), lease - next.UpdatedAt, cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    /// <summary>
    /// The dispatcher is full: a work item for when the events' lease runs out. The change is stored whatever
    /// happens here: a failure to queue delivery must not fail it, and the sweep finds the event.
    /// </summary>
    private async Task AnnounceAsync(string taskId, string? traceParent, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            Log.DispatcherFull(logger, taskId);
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, taskId, 0, traceParent), lease, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            Log.NotQueued(logger, taskId, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Task {TaskId}: raised {Types} (from sequence {First})")]
        public static partial void Raised(ILogger logger, string taskId, string types, int first);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Task {TaskId}: too many events waiting for delivery in this process; its events go through the work queue once their lease has run out")]
        public static partial void DispatcherFull(ILogger logger, string taskId);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Task {TaskId}: its events are stored but their delivery could not be queued ({Reason}); the event sweep will queue it")]
        public static partial void NotQueued(ILogger logger, string taskId, string reason);
    }
}
