using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events.Delivery;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Telemetry;

namespace VideoVault.Events;

/// <summary>
/// Sends one event again, now, whatever its state (after an outage, after a 410, after the schedule
/// gave up): the operator's decision. It takes the event's lease like a scheduled attempt, so it never
/// runs beside one, and it does not use up the schedule. The attempt is a span of the task's trace (the
/// operator's request comes with none of it, and is linked) and counts in the delivery metrics.
/// </summary>
internal sealed partial class EventRedelivery(
    ITaskEventStore store,
    EventPayloads payloads,
    EventWebhookClient client,
    ReceiverHealth receivers,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider,
    VideoVaultMetrics metrics,
    ILogger<EventRedelivery> logger)
{
    /// <remarks>Not cancelled by the caller: an attempt cut off halfway would be sent and never recorded. The response timeout bounds it.</remarks>
    public async Task<Redelivery> RedeliverAsync(string taskId, int sequence)
    {
        var cancellationToken = CancellationToken.None;
        var log = await store.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        var record = log?.Events.FirstOrDefault(e => e.Sequence == sequence);
        if (log is null || record is null)
        {
            return new Redelivery(log is null ? RedeliveryKind.NoTask : RedeliveryKind.NoEvent, null);
        }

        if (log.Task.Request.Webhook is not { } subscription || !subscription.Wants(record.Type))
        {
            return new Redelivery(RedeliveryKind.NotSubscribed, record);
        }

        var now = timeProvider.GetUtcNow();
        var lease = now + options.CurrentValue.DeliveryLease;
        var (claimed, changed) = await EventWrites.UpdateAsync(store, record, current => current.LeaseUntil > now ? null : current with { LeaseUntil = lease }, cancellationToken).ConfigureAwait(false);
        if (!changed)
        {
            return new Redelivery(RedeliveryKind.InProgress, claimed);
        }

        using var activity = VideoVaultTelemetry.StartTaskActivity("event redelivery", taskId, log.Task.TraceParent, ActivityKind.Producer);
        WebhookAttemptTelemetry.Describe(activity, claimed, subscription.Url);
        var view = await payloads.ViewAsync(claimed, cancellationToken).ConfigureAwait(false);
        var startedAt = timeProvider.GetUtcNow();
        var result = await client.SendAsync(subscription.Url, claimed.Id, EventPayloads.Webhook(claimed, view), cancellationToken).ConfigureAwait(false);
        WebhookAttemptTelemetry.Record(activity, result, metrics);
        var (after, _) = await EventWrites.UpdateAsync(store, claimed, current => current.LeaseUntil == lease
            ? WebhookRetrySchedule.AfterRedelivery(current, result, startedAt)
            : current.WithAttempt(WebhookRetrySchedule.Attempt(result, startedAt, redelivery: true)),
            cancellationToken).ConfigureAwait(false);
        await receivers.RecordAsync(subscription.Url, result, startedAt, cancellationToken).ConfigureAwait(false);
        Log.Redelivered(logger, after.Id, LoggableUrl.HostAndPath(subscription.Url), result.Status ?? 0, result.Error);

        return new Redelivery(RedeliveryKind.Sent, after);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "Event {EventId} redelivered on request to {Target}: HTTP {Status} {Error}")]
        public static partial void Redelivered(ILogger logger, string eventId, string target, int status, string? error);
    }
}

internal sealed record Redelivery(RedeliveryKind Kind, TaskEventRecord? Record);

internal enum RedeliveryKind
{
    Sent,
    NoTask,
    NoEvent,

    /// <summary>The task has no subscription for this event type: there is nowhere to send it.</summary>
    NotSubscribed,

    /// <summary>An attempt holds the event right now.</summary>
    InProgress,
}
