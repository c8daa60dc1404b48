using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events.Delivery;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>
/// Puts a task's events on the events queue and sends their webhooks, each event on its own
/// (<see cref="DeliveryDecision"/>): its own attempts and schedule, so a failing event never holds back a
/// later one. Whoever works on an event holds its lease (an ETag-guarded claim on the row, or the one it
/// was written with), so two workers never send the same event at once; a worker that dies holding it is
/// taken over once the lease has run out. A failed attempt schedules the next as a delayed work item.
/// </summary>
internal sealed partial class EventDeliverer(
    ITaskEventStore store,
    IEventQueue queue,
    EventPayloads payloads,
    EventWebhookClient client,
    WebhookRetrySchedule schedule,
    ReceiverHealth receivers,
    IWorkQueue workQueue,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider,
    VideoVaultMetrics metrics,
    ILogger<EventDeliverer> logger)
{
    /// <summary>
    /// A task's events are worked on by one worker at a time here, the log read under it, so a 410 heard
    /// for one is known before another attempt of the task starts. Different tasks go side by side; a
    /// task's next event waits at most for one attempt (<see cref="EventOptions.ResponseTimeout"/>).
    /// </summary>
    private readonly TaskGate _gate = new();

    /// <summary>The <c>deliver</c> work item: every event of the task that has something to do now.</summary>
    public async Task DeliverAsync(string taskId, CancellationToken cancellationToken)
    {
        using var turn = await _gate.EnterAsync(taskId, cancellationToken).ConfigureAwait(false);
        var log = await store.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return;
        }
        await DeliverEachAsync(log, null, log.Events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The events a transition just wrote holding <paramref name="lease"/>, in sequence order, each one's
    /// first attempt finished before the next starts: the only ordering kept, lasting one attempt at most.
    /// </summary>
    public async Task DeliverNewAsync(string taskId, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        using var turn = await _gate.EnterAsync(taskId, cancellationToken).ConfigureAwait(false);
        var log = await store.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return;
        }

        await DeliverEachAsync(log, lease, [.. log.Events.Where(record => record.LeaseUntil == lease)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each event decided on its own, in sequence order, one attempt at a time, so a 410 heard for one is
    /// known before the next is sent; then a work item for the soonest retry, or for a lease another worker holds.
    /// </summary>
    private async Task DeliverEachAsync(TaskEventLog log, DateTimeOffset? ownLease, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken)
    {
        // The in-process dispatcher runs outside any request or work item: this joins the task's trace.
        using var activity = VideoVaultTelemetry.StartTaskActivity("task events", log.Task.Id, log.Task.TraceParent);
        var subscription = log.Task.Request.Webhook;
        var context = await ContextAsync(log, ownLease, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? wake = null;
        foreach (var record in events)
        {
            var action = DeliveryDecision.Decide(record, subscription, context with { Now = timeProvider.GetUtcNow() });
            var after = action.IsWork ? await WorkAsync(record, subscription, action, context, cancellationToken).ConfigureAwait(false) : null;
            var next = action.Step is DeliveryStep.Wait or DeliveryStep.Held ? action.Until
                : after?.Webhook == WebhookDeliveryState.Pending ? after.DueAt
                : null;
            wake = next < wake || wake is null ? next : wake;
            context = context with { TaskGone = context.TaskGone || after?.Webhook == WebhookDeliveryState.Gone };
        }

        if (wake is { } at)
        {
            await ScheduleAsync(log.Task.Id, at, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeliveryContext> ContextAsync(TaskEventLog log, DateTimeOffset? ownLease, CancellationToken cancellationToken)
    {
        var gone = log.Events.Any(record => record.Webhook == WebhookDeliveryState.Gone);
        var paused = log.Task.Request.Webhook is { } subscription
            && log.Events.Any(record => record.Webhook == WebhookDeliveryState.Pending)
            && (await receivers.GetAsync(subscription.Url, cancellationToken).ConfigureAwait(false))?.Paused == true;
        return new DeliveryContext(timeProvider.GetUtcNow(), ownLease, gone, paused);
    }

    /// <returns>The event when done with it; null when another worker holds it.</returns>
    private async Task<TaskEventRecord?> WorkAsync(TaskEventRecord record, WebhookSubscription? subscription, DeliveryAction action, DeliveryContext context, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lease = context.OwnLease ?? now + options.CurrentValue.DeliveryLease;
        var claimed = record;
        if (context.OwnLease is null)
        {
            // Decided again on the row as claimed: another worker may have tried and rescheduled it since.
            (claimed, var changed) = await EventWrites.UpdateAsync(store, record, current =>
                DeliveryDecision.Decide(current, subscription, context with { Now = now }).IsWork ? current with { LeaseUntil = lease } : null, cancellationToken).ConfigureAwait(false);
            if (!changed)
            {
                return null;
            }

            action = DeliveryDecision.Decide(claimed, subscription, context with { Now = now, OwnLease = lease });
        }

        // The webhook first: the receiver is waiting for it, and a queue consumer polls anyway.
        var view = action.Publish || action.Step == DeliveryStep.Send ? await payloads.ViewAsync(claimed, cancellationToken).ConfigureAwait(false) : null;
        var startedAt = timeProvider.GetUtcNow();
        var result = action.Step == DeliveryStep.Send
            ? await SendAsync(subscription!.Url, claimed, view!, cancellationToken).ConfigureAwait(false)
            : null;
        var publishedAt = action.Publish ? await PublishAsync(claimed, view!, cancellationToken).ConfigureAwait(false) : null;
        var (after, _) = await EventWrites.UpdateAsync(store, claimed, current => Finish(current, lease, publishedAt, result, startedAt, action.Step), cancellationToken).ConfigureAwait(false);

        if (result is not null)
        {
            await receivers.RecordAsync(subscription!.Url, result, startedAt, cancellationToken).ConfigureAwait(false);
            Report(after, subscription.Url, result);
        }
        else if (after.Webhook is WebhookDeliveryState.Skipped or WebhookDeliveryState.Paused && record.Webhook == WebhookDeliveryState.Pending)
        {
            Log.NotSent(logger, after.Id, WebhookStateNames.ToName(after.Webhook));
        }

        return after;
    }

    /// <summary>One delivery attempt, as a span of the task's trace (the target as host and path only) and in the metrics.</summary>
    private async Task<WebhookAttemptResult> SendAsync(Uri url, TaskEventRecord record, TaskView? view, CancellationToken cancellationToken)
    {
        using var activity = VideoVaultTelemetry.StartChildActivity("event delivery", ActivityKind.Producer);
        WebhookAttemptTelemetry.Describe(activity, record, url);
        activity?.SetTag(VideoVaultTelemetry.AttemptTag, record.Attempts + 1);
        var body = EventPayloads.Webhook(record, view ?? await payloads.ViewAsync(record, cancellationToken).ConfigureAwait(false));
        var result = await client.SendAsync(url, record.Id, body, cancellationToken).ConfigureAwait(false);
        WebhookAttemptTelemetry.Record(activity, result, metrics);
        return result;
    }

    /// <returns>When the CloudEvent went onto the queue; null when storage is down (the sweep finds the event unpublished).</returns>
    private async Task<DateTimeOffset?> PublishAsync(TaskEventRecord record, TaskView view, CancellationToken cancellationToken)
    {
        try
        {
            await queue.PublishAsync(payloads.CloudEvent(record, view), cancellationToken).ConfigureAwait(false);
            return timeProvider.GetUtcNow();
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            Log.NotPublished(logger, record.Id, exception.Message);
            return null;
        }
    }

    /// <summary>Records what was done under the lease; if the lease was lost meanwhile, records the facts only (the queue message and the attempt were sent).</summary>
    private TaskEventRecord Finish(TaskEventRecord current, DateTimeOffset lease, DateTimeOffset? publishedAt, WebhookAttemptResult? result, DateTimeOffset startedAt, DeliveryStep step)
    {
        var next = current with { PublishedAt = current.PublishedAt ?? publishedAt };
        if (current.LeaseUntil != lease)
        {
            return result is null ? next : next.WithAttempt(WebhookRetrySchedule.Attempt(result, startedAt, redelivery: false));
        }

        next = next with { LeaseUntil = null };
        return current.Webhook != WebhookDeliveryState.Pending ? next
            : result is not null ? schedule.AfterAttempt(next, result, startedAt)
            : step == DeliveryStep.Skip ? next with { Webhook = WebhookDeliveryState.Skipped, DueAt = null }
            : step == DeliveryStep.Pause ? next with { Webhook = WebhookDeliveryState.Paused, DueAt = null }
            : next;
    }

    private void Report(TaskEventRecord after, Uri url, WebhookAttemptResult result)
    {
        var target = LoggableUrl.HostAndPath(url);
        switch (after.Webhook)
        {
            case WebhookDeliveryState.Delivered:
                Log.Delivered(logger, after.Id, target, after.Attempts, result.Duration.TotalMilliseconds);
                break;
            case WebhookDeliveryState.Pending when after.DueAt is { } due:
                Log.AttemptFailed(logger, after.Id, target, after.Attempts, result.Error, due - timeProvider.GetUtcNow());
                break;
            case WebhookDeliveryState.Gone:
                Log.Gone(logger, after.Id, target);
                break;
            case WebhookDeliveryState.Failed:
                Log.GaveUp(logger, after.Id, target, after.Attempts, result.Error);
                break;
        }
    }

    /// <summary>A deliver work item for <paramref name="due"/>, rounded up: Queue Storage counts visibility delays in whole seconds, and one early would find the event not due.</summary>
    private Task ScheduleAsync(string taskId, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var seconds = Math.Ceiling(Math.Max(0, (due - timeProvider.GetUtcNow()).TotalSeconds));
        return workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, taskId, 0), TimeSpan.FromSeconds(seconds), cancellationToken);
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

        [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Event {EventId} not sent, now {State}: its receiver answered 410 Gone to the task, or is paused")]
        public static partial void NotSent(ILogger logger, string eventId, string state);

        [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "Event {EventId}: the events queue is unavailable ({Reason}); the event sweep will publish it")]
        public static partial void NotPublished(ILogger logger, string eventId, string reason);
    }
}
