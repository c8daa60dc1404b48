using Microsoft.Extensions.Options;
using VideoVault.Events.Delivery;
using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>
/// What an attempt makes of an event: a 2xx delivers it, a 410 stops deliveries to the URL, anything
/// else is tried again after the next wait of <see cref="EventOptions.RetrySchedule"/> (longer if the
/// receiver asked, through <c>Retry-After</c>), until the schedule is used up.
/// </summary>
internal sealed class WebhookRetrySchedule(IOptionsMonitor<EventOptions> options)
{
    /// <summary>Up to this much longer than the schedule says, so a receiver's backlog does not come back all at once.</summary>
    private const double Jitter = 0.1;

    /// <param name="startedAt">When the attempt started.</param>
    public TaskEventRecord AfterAttempt(TaskEventRecord record, WebhookAttemptResult result, DateTimeOffset startedAt)
    {
        var attempts = record.Attempts + 1;
        var done = startedAt + result.Duration;
        var next = record.WithAttempt(Attempt(result, startedAt, redelivery: false)) with { Attempts = attempts, LeaseUntil = null };
        if (result.Delivered)
        {
            return next with { Webhook = WebhookDeliveryState.Delivered, DeliveredAt = done, DueAt = null };
        }

        if (result.Gone)
        {
            return next with { Webhook = WebhookDeliveryState.Gone, DueAt = null };
        }

        var schedule = options.CurrentValue.RetrySchedule;
        return result.Permanent || attempts > schedule.Count
            ? next with { Webhook = WebhookDeliveryState.Failed, DueAt = null }
            : next with { DueAt = done + Wait(schedule, attempts - 1, result.RetryAfter) };
    }

    /// <summary>A redelivery asked for through the API: it can deliver the event or hear 410, but a failure leaves the schedule as it was.</summary>
    public static TaskEventRecord AfterRedelivery(TaskEventRecord record, WebhookAttemptResult result, DateTimeOffset startedAt)
    {
        var next = record.WithAttempt(Attempt(result, startedAt, redelivery: true)) with { LeaseUntil = null };
        return result.Delivered ? next with { Webhook = WebhookDeliveryState.Delivered, DeliveredAt = startedAt + result.Duration, DueAt = null }
            : result.Gone ? next with { Webhook = WebhookDeliveryState.Gone, DueAt = null }
            : next;
    }

    public static DeliveryAttempt Attempt(WebhookAttemptResult result, DateTimeOffset startedAt, bool redelivery) =>
        new(startedAt, (int)Math.Ceiling(result.Duration.TotalMilliseconds), result.Status, result.Error, redelivery);

    private static TimeSpan Wait(List<TimeSpan> schedule, int index, TimeSpan? retryAfter)
    {
        var wait = schedule[index] * (1 + (Random.Shared.NextDouble() * Jitter));
        var longest = schedule.Max();
        return retryAfter is { } asked && asked > wait ? (asked < longest ? asked : longest) : wait;
    }
}
