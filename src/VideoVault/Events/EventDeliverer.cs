using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events.Delivery;
using VideoVault.Http;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>
/// The <c>deliver</c> work item: puts every event of the task that is not yet on the events queue there,
/// then sends its webhooks in sequence order. An event is sent only once every earlier one is delivered
/// or given up, so a receiver gets a task's events in order; a lease on the event row keeps two workers
/// from sending the same event at once. A failed attempt schedules the next one as a delayed work item.
/// </summary>
public sealed partial class EventDeliverer(
    ITaskEventStore store,
    IEventQueue queue,
    EventPayloads payloads,
    EventWebhookClient client,
    WebhookRetrySchedule schedule,
    IWorkQueue workQueue,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider,
    ILogger<EventDeliverer> logger)
{
    public async Task DeliverAsync(string taskId, CancellationToken cancellationToken)
    {
        var log = await store.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return;
        }

        var subscription = log.Task.Request.Webhook;
        var chainHeld = false;
        int? goneAt = null;
        foreach (var stored in log.Events)
        {
            var (record, view) = await PublishAsync(stored, cancellationToken).ConfigureAwait(false);
            if (chainHeld || record.Webhook is not (WebhookDeliveryState.Pending or WebhookDeliveryState.Gone))
            {
                continue;
            }

            if (record.Webhook == WebhookDeliveryState.Gone)
            {
                goneAt ??= record.Sequence;
            }
            else if (goneAt is not null || subscription is null)
            {
                await SkipAsync(record, goneAt, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var after = await SendAsync(record, view, subscription.Url, cancellationToken).ConfigureAwait(false);
                chainHeld = after.Webhook == WebhookDeliveryState.Pending;
                goneAt = after.Webhook == WebhookDeliveryState.Gone ? after.Sequence : goneAt;
            }
        }
    }

    /// <returns>The event as it stands, and its view when publishing made one.</returns>
    private async Task<(TaskEventRecord Record, TaskView? View)> PublishAsync(TaskEventRecord record, CancellationToken cancellationToken)
    {
        if (record.PublishedAt is not null)
        {
            return (record, null);
        }

        var view = await payloads.ViewAsync(record, cancellationToken).ConfigureAwait(false);
        await queue.PublishAsync(payloads.CloudEvent(record, view), cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var (published, _) = await EventWrites.UpdateAsync(store, record, current => current.PublishedAt is null ? current with { PublishedAt = now } : null, cancellationToken).ConfigureAwait(false);
        return (published, view);
    }

    /// <returns>The event after the attempt; still pending (and its next attempt queued) when it is not its turn or the attempt failed.</returns>
    private async Task<TaskEventRecord> SendAsync(TaskEventRecord record, TaskView? view, Uri url, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lease = now + options.CurrentValue.DeliveryLease;
        var (claimed, changed) = await EventWrites.UpdateAsync(store, record, current =>
            current.Webhook == WebhookDeliveryState.Pending && !(current.LeaseUntil > now) && !(current.DueAt > now)
                ? current with { LeaseUntil = lease }
                : null,
            cancellationToken).ConfigureAwait(false);
        if (!changed)
        {
            // Its next attempt is queued already, or another worker is sending it and goes on with the chain.
            return claimed;
        }

        view ??= await payloads.ViewAsync(claimed, cancellationToken).ConfigureAwait(false);
        var startedAt = timeProvider.GetUtcNow();
        var result = await client.SendAsync(url, claimed.Id, EventPayloads.Webhook(claimed, view), cancellationToken).ConfigureAwait(false);
        var (after, _) = await EventWrites.UpdateAsync(store, claimed, current => current.LeaseUntil == lease && current.Webhook == WebhookDeliveryState.Pending
            ? schedule.AfterAttempt(current, result, startedAt)
            : current.WithAttempt(WebhookRetrySchedule.Attempt(result, startedAt, redelivery: false)),
            cancellationToken).ConfigureAwait(false);

        var target = LoggableUrl.HostAndPath(url);
        switch (after.Webhook)
        {
            case WebhookDeliveryState.Delivered:
                Log.Delivered(logger, after.Id, target, after.Attempts, result.Duration.TotalMilliseconds);
                break;
            case WebhookDeliveryState.Pending when after.DueAt is { } due:
                Log.AttemptFailed(logger, after.Id, target, after.Attempts, result.Error, due - timeProvider.GetUtcNow());
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, after.TaskId, 0), due - timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                break;
            case WebhookDeliveryState.Gone:
                Log.Gone(logger, after.Id, target);
                break;
            case WebhookDeliveryState.Failed:
                Log.GaveUp(logger, after.Id, target, after.Attempts, result.Error);
                break;
        }

        return after;
    }

    private async Task SkipAsync(TaskEventRecord record, int? goneAt, CancellationToken cancellationToken)
    {
        var (skipped, changed) = await EventWrites.UpdateAsync(store, record, current =>
            current.Webhook == WebhookDeliveryState.Pending && !(current.LeaseUntil > timeProvider.GetUtcNow())
                ? current with { Webhook = WebhookDeliveryState.Skipped, DueAt = null }
                : null,
            cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            Log.Skipped(logger, skipped.Id, goneAt ?? 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Event {EventId} delivered to {Target} (attempt {Attempt}, {DurationMs:0} ms)")]
        public static partial void Delivered(ILogger logger, string eventId, string target, int attempt, double durationMs);

        [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Event {EventId}: attempt {Attempt} to {Target} failed ({Error}); next attempt in {Delay}")]
        public static partial void AttemptFailed(ILogger logger, string eventId, string target, int attempt, string? error, TimeSpan delay);

        [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Event {EventId}: {Target} answered 410 Gone; no more events of the task go there")]
        public static partial void Gone(ILogger logger, string eventId, string target);

        [LoggerMessage(EventId = 1113, Level = LogLevel.Error, Message = "Event {EventId}: delivery to {Target} given up after {Attempts} attempt(s): {Error}")]
        public static partial void GaveUp(ILogger logger, string eventId, string target, int attempts, string? error);

        [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Event {EventId} not sent: its receiver answered 410 Gone to event {GoneSequence} of the task (0: the task has no subscription)")]
        public static partial void Skipped(ILogger logger, string eventId, int goneSequence);
    }
}
