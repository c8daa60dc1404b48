using Microsoft.Extensions.Options;
using Moq;
using VideoVault.Events;
using VideoVault.Events.Delivery;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary>What an attempt makes of an event: delivered, gone, due again on the schedule, or given up.</summary>
public sealed class WebhookRetryScheduleTests
{
    private static readonly TimeSpan[] Schedule = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(2)];

    private readonly WebhookRetrySchedule _schedule = new(Monitor(new EventOptions { RetrySchedule = [.. Schedule] }));

    private static WebhookAttemptResult Answer(int? status, TimeSpan? retryAfter = null, bool permanent = false) =>
        new(status, status is >= 200 and < 300 ? null : "failed", TimeSpan.FromMilliseconds(40), retryAfter, permanent);

    [Fact]
    public void A_2xx_delivers_the_event_and_releases_it()
    {
        var after = _schedule.AfterAttempt(EventRecords.Pending(), Answer(204), EventRecords.At);

        Assert.Equal(WebhookDeliveryState.Delivered, after.Webhook);
        Assert.Equal((1, (DateTimeOffset?)null, (DateTimeOffset?)null), (after.Attempts, after.LeaseUntil, after.DueAt));
        Assert.Equal(EventRecords.At.AddMilliseconds(40), after.DeliveredAt);
        var attempt = Assert.Single(after.History);
        Assert.Equal((EventRecords.At, 40, (int?)204, (string?)null, false), (attempt.At, attempt.DurationMs, attempt.Status, attempt.Error, attempt.Redelivery));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 300)]
    [InlineData(2, 7200)]
    public void A_failure_is_due_again_after_the_next_wait_with_at_most_a_tenth_more(int attemptsBefore, int waitSeconds)
    {
        var after = _schedule.AfterAttempt(EventRecords.Pending(attemptsBefore), Answer(503), EventRecords.At);

        Assert.Equal(WebhookDeliveryState.Pending, after.Webhook);
        var wait = after.DueAt!.Value - EventRecords.At.AddMilliseconds(40);
        Assert.InRange(wait.TotalSeconds, waitSeconds, waitSeconds * 1.1);
        Assert.Null(after.LeaseUntil);
    }

    [Fact]
    public void A_failure_after_the_last_wait_gives_the_event_up()
    {
        var after = _schedule.AfterAttempt(EventRecords.Pending(Schedule.Length), Answer(500), EventRecords.At);

        Assert.Equal((WebhookDeliveryState.Failed, Schedule.Length + 1, (DateTimeOffset?)null), (after.Webhook, after.Attempts, after.DueAt));
    }

    [Fact]
    public void A_410_stops_deliveries_at_once()
    {
        Assert.Equal(WebhookDeliveryState.Gone, _schedule.AfterAttempt(EventRecords.Pending(), Answer(410), EventRecords.At).Webhook);
    }

    [Fact]
    public void A_refusal_by_the_outbound_guard_is_not_retried()
    {
        Assert.Equal(WebhookDeliveryState.Failed, _schedule.AfterAttempt(EventRecords.Pending(), Answer(null, permanent: true), EventRecords.At).Webhook);
    }

    [Fact]
    public void Retry_After_is_honoured_up_to_the_longest_wait()
    {
        var asked = _schedule.AfterAttempt(EventRecords.Pending(), Answer(429, TimeSpan.FromMinutes(1)), EventRecords.At);
        var capped = _schedule.AfterAttempt(EventRecords.Pending(), Answer(503, TimeSpan.FromDays(3)), EventRecords.At);

        Assert.Equal(EventRecords.At.AddMilliseconds(40) + TimeSpan.FromMinutes(1), asked.DueAt);
        Assert.Equal(EventRecords.At.AddMilliseconds(40) + TimeSpan.FromHours(2), capped.DueAt);
    }

    [Fact]
    public void A_failed_redelivery_leaves_the_schedule_as_it_was_and_a_good_one_delivers()
    {
        var pending = EventRecords.Pending(attempts: 2);

        var failed = WebhookRetrySchedule.AfterRedelivery(pending, Answer(500), EventRecords.At);
        var delivered = WebhookRetrySchedule.AfterRedelivery(pending with { Webhook = WebhookDeliveryState.Failed }, Answer(200), EventRecords.At);

        Assert.Equal((WebhookDeliveryState.Pending, 2, pending.DueAt), (failed.Webhook, failed.Attempts, failed.DueAt));
        Assert.True(Assert.Single(failed.History).Redelivery);
        Assert.Equal(WebhookDeliveryState.Delivered, delivered.Webhook);
    }

    [Fact]
    public void The_history_keeps_the_latest_attempts()
    {
        var record = EventRecords.Pending();
        for (var i = 0; i < TaskEventRecord.MaxHistory + 5; i++)
        {
            record = record.WithAttempt(new DeliveryAttempt(EventRecords.At.AddSeconds(i), 1, 500, "x", false));
        }

        Assert.Equal(TaskEventRecord.MaxHistory, record.History.Count);
        Assert.Equal(EventRecords.At.AddSeconds(TaskEventRecord.MaxHistory + 4), record.History[^1].At);
    }

    private static IOptionsMonitor<EventOptions> Monitor(EventOptions options) =>
        Mock.Of<IOptionsMonitor<EventOptions>>(monitor => monitor.CurrentValue == options);
}
