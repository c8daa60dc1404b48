using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Tests.Events;

/// <summary>Recover and resume: what they make due, what they leave to an attempt under way, and the pause they end.</summary>
public sealed class ReceiverRecoveryTests
{
    [Fact]
    public async Task Recover_makes_every_undelivered_event_since_the_time_due_now_leaving_one_an_attempt_holds()
    {
        var harness = new EventHarness();
        var now = harness.Clock.GetUtcNow();
        await harness.Receivers.TryWriteAsync(WebhookReceiver.New(EventHarness.ReceiverUrl), CancellationToken.None);
        var task = harness.Seed(
            subscribed: true,
            harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, DueAt = null, OccurredAt = now.AddHours(-3) },
            harness.New(2, TaskEventTypes.Processing) with { DueAt = now.AddHours(2), Attempts = 4 },
            harness.New(3, TaskEventTypes.Archived) with { Webhook = WebhookDeliveryState.Failed, DueAt = null },
            harness.New(4, TaskEventTypes.Failed, harness.Lease));

        var result = await harness.Recovery.RecoverAsync(WebhookReceiver.New(EventHarness.ReceiverUrl).Key, now.AddHours(-1), CancellationToken.None);

        Assert.Equal(new RecoveryResult(Queued: 2, InProgress: 1), result);
        Assert.Equal(
            [(WebhookDeliveryState.Failed, (DateTimeOffset?)null), (WebhookDeliveryState.Pending, now), (WebhookDeliveryState.Pending, now), (WebhookDeliveryState.Pending, now)],
            harness.Events.Select(e => (e.Webhook, e.DueAt)));
        Assert.Equal(new WorkItem(WorkItemKind.Deliver, task.Id, 0), Assert.Single(harness.Queue.Enqueued).Item);
    }

    [Fact]
    public async Task Resume_ends_the_pause_and_queues_what_it_held_after_other_instances_have_seen_it()
    {
        var harness = new EventHarness();
        var paused = WebhookReceiver.New(EventHarness.ReceiverUrl) with { FailingSince = harness.Clock.GetUtcNow().AddDays(-5), PausedAt = harness.Clock.GetUtcNow() };
        await harness.Receivers.TryWriteAsync(paused, CancellationToken.None);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Paused, DueAt = null }, harness.New(2, TaskEventTypes.Processing) with { Webhook = WebhookDeliveryState.Delivered });

        var resumed = await harness.Recovery.ResumeAsync(paused.Key, CancellationToken.None);

        Assert.Equal((false, (DateTimeOffset?)null), (resumed!.Value.Receiver.Paused, resumed.Value.Receiver.FailingSince));
        Assert.Equal(new RecoveryResult(1, 0), resumed.Value.Result);
        Assert.Equal(WebhookDeliveryState.Pending, harness.Event(1).Webhook);
        Assert.Equal(ReceiverHealth.CacheFor, Assert.Single(harness.Queue.Enqueued).Delay);
        Assert.False((await harness.Health.GetAsync(EventHarness.ReceiverUrl, CancellationToken.None))!.Paused);
        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);
        Assert.Equal(WebhookDeliveryState.Delivered, harness.Event(1).Webhook);
    }

    [Fact]
    public async Task An_unknown_receiver_is_neither_recovered_nor_resumed()
    {
        var harness = new EventHarness();

        Assert.Null(await harness.Recovery.RecoverAsync(new string('0', 32), harness.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Null(await harness.Recovery.ResumeAsync(new string('0', 32), CancellationToken.None));
    }
}
