using System.Diagnostics;
using System.Net;
using VideoVault.Events;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Events;

/// <summary>The operator's redelivery of one event: sent at once whatever its state, never beside an attempt that holds it, without using up the schedule.</summary>
public sealed class EventRedeliveryTests
{
    [Fact]
    public async Task A_failed_event_is_sent_again_and_delivered_its_schedule_left_as_it_was()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, Attempts = 8, DueAt = null });

        var result = await harness.Redelivery.RedeliverAsync(task.Id, 1);

        Assert.Equal(RedeliveryKind.Sent, result.Kind);
        Assert.Equal((WebhookDeliveryState.Delivered, 8), (harness.Event(1).Webhook, harness.Event(1).Attempts));
        Assert.True(Assert.Single(harness.Event(1).History).Redelivery);
        Assert.Single(harness.Receiver.Ids);
    }

    [Fact]
    public async Task The_redelivery_is_a_span_of_the_tasks_stored_trace_linked_to_the_request_without_the_receivers_query()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, Attempts = 8, DueAt = null });
        var stored = ActivityContext.Parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);
        harness.Store.Seed(task with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });
        using var spans = new RecordedSpans(task.Id);
        using var request = new Activity("POST redeliver").Start();

        await harness.Redelivery.RedeliverAsync(task.Id, 1);

        var redelivery = spans.Single("event redelivery");
        Assert.Equal((stored.TraceId, stored.SpanId, ActivityKind.Producer), (redelivery.TraceId, redelivery.ParentSpanId, redelivery.Kind));
        Assert.Equal(request.SpanId, Assert.Single(redelivery.Links).Context.SpanId);
        Assert.Equal<object?>(
            [TaskEventTypes.Submitted, "webhook", "delivered", "hooks.example"],
            [redelivery.GetTagItem(VideoVaultTelemetry.EventTypeTag), redelivery.GetTagItem(VideoVaultTelemetry.EventChannelTag), redelivery.GetTagItem(VideoVaultTelemetry.OutcomeTag), redelivery.GetTagItem("server.address")]);
        Assert.Empty(spans.Holding(EventHarness.ReceiverUrl.Query, "secret"));
    }

    [Fact]
    public async Task A_failed_redelivery_leaves_a_pending_event_on_its_schedule()
    {
        var harness = new EventHarness(HttpStatusCode.BadGateway);
        var due = harness.Clock.GetUtcNow().AddMinutes(5);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { DueAt = due, Attempts = 2 });

        await harness.Redelivery.RedeliverAsync(task.Id, 1);

        Assert.Equal((WebhookDeliveryState.Pending, 2, due), (harness.Event(1).Webhook, harness.Event(1).Attempts, harness.Event(1).DueAt!.Value));
    }

    [Fact]
    public async Task An_event_an_attempt_holds_is_not_sent_beside_it()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));

        var result = await harness.Redelivery.RedeliverAsync(task.Id, 1);

        Assert.Equal(RedeliveryKind.InProgress, result.Kind);
        Assert.Empty(harness.Receiver.Ids);
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_task_without_a_subscription_or_an_unknown_event_or_task()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: false, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.NotSubscribed });

        Assert.Equal(
            [RedeliveryKind.NotSubscribed, RedeliveryKind.NoEvent, RedeliveryKind.NoTask],
            [(await harness.Redelivery.RedeliverAsync(task.Id, 1)).Kind, (await harness.Redelivery.RedeliverAsync(task.Id, 9)).Kind, (await harness.Redelivery.RedeliverAsync(new string('f', 32), 1)).Kind]);
        Assert.Empty(harness.Receiver.Ids);
    }

    [Theory]
    [InlineData(WebhookDeliveryState.Gone)]
    [InlineData(WebhookDeliveryState.Skipped)]
    [InlineData(WebhookDeliveryState.Paused)]
    internal async Task An_event_the_schedule_no_longer_sends_is_sent_when_asked_and_a_2xx_delivers_it(WebhookDeliveryState state)
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = state, DueAt = null, Attempts = 1 });

        var result = await harness.Redelivery.RedeliverAsync(task.Id, 1);

        Assert.Equal(RedeliveryKind.Sent, result.Kind);
        Assert.Equal((WebhookDeliveryState.Delivered, 1, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).Attempts, harness.Event(1).LeaseUntil));
        Assert.NotNull(harness.Event(1).DeliveredAt);
        Assert.Equal(result.Record, harness.Event(1));
    }

    [Fact]
    public async Task An_event_type_the_subscription_leaves_out_is_not_sent()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.NotSubscribed, DueAt = null });
        harness.Store.Seed(task with { Request = task.Request with { Webhook = new WebhookSubscription(EventHarness.ReceiverUrl, [TaskEventTypes.Archived]) } });

        var result = await harness.Redelivery.RedeliverAsync(task.Id, 1);

        Assert.Equal(RedeliveryKind.NotSubscribed, result.Kind);
        Assert.Empty(harness.Receiver.Ids);
    }

    [Fact]
    public async Task A_redelivery_counts_towards_the_receivers_health()
    {
        var harness = new EventHarness(HttpStatusCode.ServiceUnavailable);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, DueAt = null });

        await harness.Redelivery.RedeliverAsync(task.Id, 1);

        var receiver = Assert.Single(await harness.Receivers.ListAsync(CancellationToken.None));
        Assert.Equal((harness.Clock.GetUtcNow(), "HTTP 503: no"), (receiver.FailingSince!.Value, receiver.LastError));
        Assert.Equal((WebhookDeliveryState.Failed, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).LeaseUntil));
    }

    [Fact]
    public async Task A_redelivery_whose_lease_was_taken_over_meanwhile_records_its_attempt_only()
    {
        var harness = new EventHarness { Receiver = { HoldFirstAnswer = true } };
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, DueAt = null });
        var taken = harness.Lease.AddMinutes(1);

        var redelivering = harness.Redelivery.RedeliverAsync(task.Id, 1);
        while (harness.Receiver.Ids.Count == 0)
        {
            await Task.Delay(5);
        }

        Assert.NotNull(await harness.Store.TryReplaceAsync(harness.Event(1) with { LeaseUntil = taken }, CancellationToken.None));
        harness.Receiver.FirstAnswer.SetResult();
        var result = await redelivering;

        Assert.Equal(RedeliveryKind.Sent, result.Kind);
        Assert.Equal((WebhookDeliveryState.Failed, taken), (harness.Event(1).Webhook, harness.Event(1).LeaseUntil!.Value));
        Assert.Equal((204, true), (Assert.Single(harness.Event(1).History).Status, harness.Event(1).History[0].Redelivery));
    }
}
