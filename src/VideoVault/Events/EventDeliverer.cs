using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events.Delivery;
using VideoVault.Http;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>
/// The <c>deliver</c> work item: puts every event of the task that is not yet on the events queue there,
/// and sends its webhooks in sequence order: an event is sent only once every earlier one is delivered
/// or given up, so a receiver gets a task's events in order. Whoever works on an event holds its lease
/// (an ETag-guarded claim on the row), so two workers never publish or send the same event at once; a
/// worker that dies holding it is taken over once the lease has run out. A failed attempt schedules the
/// next as a delayed work item.
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
    VideoVaultMetrics metrics,
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
        var held = false;
        int? goneAt = null;
        foreach (var record in log.Events)
        {
            var now = timeProvider.GetUtcNow();
            var head = !held && record.Webhook == WebhookDeliveryState.Pending;
            var work = new EventWork(
                Send: head && goneAt is null && subscription is not null && !(record.DueAt > now),
                Skip: head && (goneAt is not null || subscription is null),
                Waiting: head && goneAt is null && subscription is not null && record.DueAt > now);
            if (work.Waiting)
            {
                // Not due yet: its retry is queued, and a work item may come early (the queue delays in whole seconds).
                held = true;
                await ScheduleAsync(taskId, record.DueAt!.Value, cancellationToken).ConfigureAwait(false);
            }

            var after = record.PublishedAt is null || work.Send || work.Skip
                ? await WorkAsync(record, subscription, work, cancellationToken).ConfigureAwait(false)
                : record;

            // Null: another worker holds the event, and goes on with the chain when it is done.
            held |= after is null ? record.Webhook == WebhookDeliveryState.Pending : after.Webhook == WebhookDeliveryState.Pending;
            goneAt ??= after?.Webhook == WebhookDeliveryState.Gone ? after.Sequence : null;
        }
    }

    /// <returns>The event when done with it; null when another worker holds it.</returns>
    private async Task<TaskEventRecord?> WorkAsync(TaskEventRecord record, WebhookSubscription? subscription, EventWork work, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lease = now + options.CurrentValue.DeliveryLease;
        var (claimed, changed) = await EventWrites.UpdateAsync(store, record, current => current.LeaseUntil > now || (work.Send && current.PublishedAt is not null && !IsDue(current, now)) ? null : current with { LeaseUntil = lease }, cancellationToken).ConfigureAwait(false);
        if (!changed)
        {
            return null;
        }

        TaskView? view = null;
        var publishedAt = claimed.PublishedAt;
        if (publishedAt is null)
        {
            view = await payloads.ViewAsync(claimed, cancellationToken).ConfigureAwait(false);
            await queue.PublishAsync(payloads.CloudEvent(claimed, view), cancellationToken).ConfigureAwait(false);
            publishedAt = timeProvider.GetUtcNow();
        }

        // Decided on the row as claimed, not as read: another worker may have tried and rescheduled it since.
        var send = work.Send && IsDue(claimed, now);
        var startedAt = timeProvider.GetUtcNow();
        var result = send
            ? await SendAsync(subscription!.Url, claimed, view, cancellationToken).ConfigureAwait(false)
            : null;
        var (after, _) = await EventWrites.UpdateAsync(store, claimed, current => Finish(current, lease, publishedAt.Value, result, startedAt, work.Skip), cancellationToken).ConfigureAwait(false);

        if (result is not null)
        {
            await ReportAsync(after, subscription!.Url, result, cancellationToken).ConfigureAwait(false);
        }
        else if (after.Webhook == WebhookDeliveryState.Pending && !work.Waiting)
        {
            // Its webhook is still to go: the worker at the head of the chain may have found this event held and stopped.
            await ScheduleAsync(after.TaskId, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        else if (work.Skip && after.Webhook == WebhookDeliveryState.Skipped)
        {
            Log.Skipped(logger, after.Id);
        }

        return after;
    }

    /// <summary>One delivery attempt, as a span of the task's trace (the target as host and path only) and in the metrics.</summary>
    private async Task<WebhookAttemptResult> SendAsync(Uri url, TaskEventRecord record, TaskView? view, CancellationToken cancellationToken)
    {
        using var activity = VideoVaultTelemetry.StartChildActivity("event delivery", ActivityKind.Producer);
        activity?.SetTag(VideoVaultTelemetry.TaskIdTag, record.TaskId);
        activity?.SetTag(VideoVaultTelemetry.EventTypeTag, record.Type);
        activity?.SetTag(VideoVaultTelemetry.EventChannelTag, "webhook");
        activity?.SetTag(VideoVaultTelemetry.AttemptTag, record.Attempts + 1);
        activity?.SetTag("server.address", url.Host);
        var body = EventPayloads.Webhook(record, view ?? await payloads.ViewAsync(record, cancellationToken).ConfigureAwait(false));
        var result = await client.SendAsync(url, record.Id, body, cancellationToken).ConfigureAwait(false);
        var outcome = result.Delivered ? "delivered" : result.Gone ? "gone" : result.Permanent ? "refused" : "failed";
        activity?.SetTag(VideoVaultTelemetry.OutcomeTag, outcome);
        activity?.SetTag("http.response.status_code", result.Status);
        if (!result.Delivered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        metrics.EventDelivered("webhook", outcome, result.Duration);
        return result;
    }

    private static bool IsDue(TaskEventRecord record, DateTimeOffset now) =>
        record.Webhook == WebhookDeliveryState.Pending && !(record.DueAt > now);

    /// <summary>Records what was done under the lease; if the lease was lost meanwhile, records the facts only (the queue message and the attempt were sent).</summary>
    private TaskEventRecord Finish(TaskEventRecord current, DateTimeOffset lease, DateTimeOffset publishedAt, WebhookAttemptResult? result, DateTimeOffset startedAt, bool skip)
    {
        var next = current with { PublishedAt = current.PublishedAt ?? publishedAt };
        if (current.LeaseUntil != lease)
        {
            return result is null ? next : next.WithAttempt(WebhookRetrySchedule.Attempt(result, startedAt, redelivery: false));
        }

        next = next with { LeaseUntil = null };
        return current.Webhook != WebhookDeliveryState.Pending ? next
            : result is not null ? schedule.AfterAttempt(next, result, startedAt)
            : skip ? next with { Webhook = WebhookDeliveryState.Skipped, DueAt = null }
            : next;
    }

    private async Task ReportAsync(TaskEventRecord after, Uri url, WebhookAttemptResult result, CancellationToken cancellationToken)
    {
        var target = LoggableUrl.HostAndPath(url);
        switch (after.Webhook)
        {
            case WebhookDeliveryState.Delivered:
                Log.Delivered(logger, after.Id, target, after.Attempts, result.Duration.TotalMilliseconds);
                break;
            case WebhookDeliveryState.Pending when after.DueAt is { } due:
                Log.AttemptFailed(logger, after.Id, target, after.Attempts, result.Error, due - timeProvider.GetUtcNow());
                await ScheduleAsync(after.TaskId, due, cancellationToken).ConfigureAwait(false);
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

    /// <param name="Send">The event is at the head of the chain and due: send its webhook.</param>
    /// <param name="Skip">At the head, but with nowhere to go: its receiver answered 410 to an earlier event.</param>
    /// <param name="Waiting">At the head, waiting for its next attempt.</param>
    private readonly record struct EventWork(bool Send, bool Skip, bool Waiting);

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

        [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Event {EventId} not sent: its receiver answered 410 Gone to an earlier event of the task")]
        public static partial void Skipped(ILogger logger, string eventId);
    }
}
