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
        harness.Store.Task = task with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
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
}
