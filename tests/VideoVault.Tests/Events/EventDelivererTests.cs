using System.Net;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Tests.Events;

/// <summary>The deliverer against in-memory stores and a scripted receiver: each event on its own, at once after the write, retried on its own schedule.</summary>
public sealed class EventDelivererTests
{
    [Fact]
    public async Task New_events_are_sent_at_once_in_sequence_under_the_lease_they_were_written_with_and_published()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease), harness.New(2, TaskEventTypes.Processing, harness.Lease));

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        Assert.Equal([TaskEventRecord.EventId(task.Id, 1), TaskEventRecord.EventId(task.Id, 2)], harness.Receiver.Ids);
        Assert.All(harness.Events, e => Assert.Equal((WebhookDeliveryState.Delivered, 1, (DateTimeOffset?)null), (e.Webhook, e.Attempts, e.LeaseUntil)));
        Assert.All(harness.Events, e => Assert.NotNull(e.PublishedAt));
        Assert.Equal(2, harness.Published.Messages.Count);
        Assert.Empty(harness.Queue.Enqueued);
    }

    [Fact]
    public async Task A_failing_event_does_not_hold_back_the_next_one_and_its_retry_is_scheduled_on_its_own()
    {
        var harness = new EventHarness(HttpStatusCode.ServiceUnavailable);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease), harness.New(2, TaskEventTypes.Processing, harness.Lease));

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        Assert.Equal((WebhookDeliveryState.Pending, 1), (harness.Event(1).Webhook, harness.Event(1).Attempts));
        Assert.Equal(WebhookDeliveryState.Delivered, harness.Event(2).Webhook);
        var retry = Assert.Single(harness.Queue.Enqueued);
        Assert.Equal(new WorkItem(WorkItemKind.Deliver, task.Id, 0), retry.Item);
        Assert.InRange(retry.Delay, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task A_work_item_sends_every_due_event_and_leaves_one_not_due_for_its_own_time()
    {
        var harness = new EventHarness();
        var later = harness.Clock.GetUtcNow().AddMinutes(5);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { DueAt = later, Attempts = 2, PublishedAt = harness.Clock.GetUtcNow() }, harness.New(2, TaskEventTypes.Processing), harness.New(3, TaskEventTypes.Archived));

        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Equal([TaskEventRecord.EventId(task.Id, 2), TaskEventRecord.EventId(task.Id, 3)], harness.Receiver.Ids.Order(StringComparer.Ordinal));
        Assert.Equal((WebhookDeliveryState.Pending, 2), (harness.Event(1).Webhook, harness.Event(1).Attempts));
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(harness.Queue.Enqueued).Delay);
    }

    [Fact]
    public async Task An_event_another_worker_holds_is_not_sent_and_is_looked_at_again_when_its_lease_runs_out()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));

        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Empty(harness.Receiver.Ids);
        Assert.Equal(harness.Lease - harness.Clock.GetUtcNow(), Assert.Single(harness.Queue.Enqueued).Delay);
    }

    [Fact]
    public async Task After_a_410_the_tasks_other_events_are_skipped_but_still_published()
    {
        var harness = new EventHarness(HttpStatusCode.Gone);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));
        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);
        harness.Store.SeedEvents(harness.New(2, TaskEventTypes.Processing, harness.Lease) with { TaskId = task.Id });

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        Assert.Equal([WebhookDeliveryState.Gone, WebhookDeliveryState.Skipped], harness.Events.Select(e => e.Webhook));
        Assert.Single(harness.Receiver.Ids);
        Assert.Equal(2, harness.Published.Messages.Count);
    }

    [Fact]
    public async Task A_410_heard_by_one_worker_is_known_to_another_on_the_same_task_before_it_sends()
    {
        var harness = new EventHarness(HttpStatusCode.Gone) { Receiver = { HoldFirstAnswer = true } };
        var later = harness.Lease.AddSeconds(1);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease), harness.New(2, TaskEventTypes.Processing, later));

        var first = harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);
        while (harness.Receiver.Ids.Count == 0)
        {
            await Task.Delay(5);
        }

        var second = harness.Deliverer.DeliverNewAsync(task.Id, later, CancellationToken.None);
        await Task.Delay(50);
        harness.Receiver.FirstAnswer.SetResult();
        await Task.WhenAll(first, second);

        Assert.Single(harness.Receiver.Ids);
        Assert.Equal([WebhookDeliveryState.Gone, WebhookDeliveryState.Skipped], harness.Events.Select(e => e.Webhook));
    }

    [Fact]
    public async Task Events_for_a_paused_receiver_are_kept_as_paused_without_an_attempt()
    {
        var harness = new EventHarness();
        var paused = WebhookReceiver.New(EventHarness.ReceiverUrl) with { FailingSince = harness.Clock.GetUtcNow().AddDays(-6), PausedAt = harness.Clock.GetUtcNow() };
        await harness.Receivers.TryWriteAsync(paused, CancellationToken.None);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        Assert.Empty(harness.Receiver.Ids);
        Assert.Equal((WebhookDeliveryState.Paused, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).LeaseUntil));
        Assert.NotNull(harness.Event(1).PublishedAt);
    }

    [Fact]
    public async Task A_healthy_receiver_is_read_once_per_cache_period_and_written_only_when_its_health_changes()
    {
        var harness = new EventHarness(HttpStatusCode.NoContent, HttpStatusCode.ServiceUnavailable);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease), harness.New(2, TaskEventTypes.Processing, harness.Lease));

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        // The first delivery creates the record, the failure starts a run of failures: two writes, one read.
        Assert.Equal((1, 2), (harness.Receivers.Reads, harness.Receivers.Writes));
        var receiver = Assert.Single(await harness.Receivers.ListAsync(CancellationToken.None));
        Assert.Equal((harness.Clock.GetUtcNow(), "HTTP 503: no"), (receiver.FailingSince!.Value, receiver.LastError));
        Assert.DoesNotContain("secret", receiver.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_of_a_task_without_a_subscription_is_only_published()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: false, harness.New(1, TaskEventTypes.Submitted, harness.Lease) with { Webhook = WebhookDeliveryState.NotSubscribed });

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);

        Assert.Empty(harness.Receiver.Ids);
        Assert.Equal((WebhookDeliveryState.NotSubscribed, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).LeaseUntil));
        Assert.Single(harness.Published.Messages);
        Assert.Equal(0, harness.Receivers.Reads);
    }

    [Fact]
    public async Task An_event_whose_sender_died_holding_it_is_taken_over_once_its_lease_has_run_out()
    {
        var harness = new EventHarness();
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Clock.GetUtcNow().AddSeconds(-1)));

        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Equal([TaskEventRecord.EventId(task.Id, 1)], harness.Receiver.Ids);
        Assert.Equal((WebhookDeliveryState.Delivered, 1, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).Attempts, harness.Event(1).LeaseUntil));
        Assert.Empty(harness.Queue.Enqueued);
    }

    [Fact]
    public async Task A_failure_of_the_last_scheduled_attempt_gives_the_event_up_and_schedules_nothing()
    {
        var harness = new EventHarness(HttpStatusCode.ServiceUnavailable);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { Attempts = 2, PublishedAt = harness.Clock.GetUtcNow() });

        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Equal((WebhookDeliveryState.Failed, 3, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).Attempts, harness.Event(1).DueAt));
        Assert.Equal(503, Assert.Single(harness.Event(1).History).Status);
        Assert.Empty(harness.Queue.Enqueued);
    }

    [Fact]
    public async Task An_events_queue_outage_leaves_the_event_unpublished_without_failing_its_webhook_and_a_later_pass_publishes_it_alone()
    {
        var harness = new EventHarness();
        harness.Published.Unavailable = true;
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));

        await harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);
        var duringOutage = harness.Event(1);
        harness.Published.Unavailable = false;
        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Equal((WebhookDeliveryState.Delivered, (DateTimeOffset?)null), (duringOutage.Webhook, duringOutage.PublishedAt));
        Assert.Equal((WebhookDeliveryState.Delivered, 1), (harness.Event(1).Webhook, harness.Event(1).Attempts));
        Assert.NotNull(harness.Event(1).PublishedAt);
        Assert.Single(harness.Published.Messages);
        Assert.Single(harness.Receiver.Ids);
    }

    [Fact]
    public async Task An_event_not_due_yet_goes_onto_the_queue_now_and_its_webhook_waits_for_its_time()
    {
        var harness = new EventHarness();
        var due = harness.Clock.GetUtcNow().AddMinutes(5);
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted) with { DueAt = due, Attempts = 1 });

        await harness.Deliverer.DeliverAsync(task.Id, CancellationToken.None);

        Assert.Empty(harness.Receiver.Ids);
        Assert.Single(harness.Published.Messages);
        Assert.Equal((WebhookDeliveryState.Pending, due, (DateTimeOffset?)null), (harness.Event(1).Webhook, harness.Event(1).DueAt!.Value, harness.Event(1).LeaseUntil));
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(harness.Queue.Enqueued).Delay);
    }

    [Fact]
    public async Task An_attempt_whose_lease_was_taken_over_meanwhile_records_what_it_did_and_leaves_the_state_to_the_new_holder()
    {
        var harness = new EventHarness { Receiver = { HoldFirstAnswer = true } };
        var task = harness.Seed(subscribed: true, harness.New(1, TaskEventTypes.Submitted, harness.Lease));
        var taken = harness.Lease.AddMinutes(1);

        var delivering = harness.Deliverer.DeliverNewAsync(task.Id, harness.Lease, CancellationToken.None);
        while (harness.Receiver.Ids.Count == 0)
        {
            await Task.Delay(5);
        }

        Assert.NotNull(await harness.Store.TryReplaceAsync(harness.Event(1) with { LeaseUntil = taken }, CancellationToken.None));
        harness.Receiver.FirstAnswer.SetResult();
        await delivering;

        Assert.Equal((WebhookDeliveryState.Pending, 0, taken), (harness.Event(1).Webhook, harness.Event(1).Attempts, harness.Event(1).LeaseUntil!.Value));
        Assert.Equal((204, false), (Assert.Single(harness.Event(1).History).Status, harness.Event(1).History[0].Redelivery));
        Assert.NotNull(harness.Event(1).PublishedAt);
    }

    [Fact]
    public async Task A_task_that_is_not_stored_has_nothing_to_deliver()
    {
        var harness = new EventHarness();

        await harness.Deliverer.DeliverAsync(new string('c', 32), CancellationToken.None);
        await harness.Deliverer.DeliverNewAsync(new string('c', 32), harness.Lease, CancellationToken.None);

        Assert.Empty(harness.Receiver.Ids);
        Assert.Empty(harness.Published.Messages);
        Assert.Empty(harness.Queue.Enqueued);
    }
}
