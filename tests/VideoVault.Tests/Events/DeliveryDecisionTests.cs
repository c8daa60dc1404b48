using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary>What to do with one event, decided alone: its own state and schedule, the task's subscription and receiver, and now.</summary>
public sealed class DeliveryDecisionTests
{
    private static readonly WebhookSubscription Subscription = new(new Uri("https://hooks.example/in"), null);
    private static readonly DateTimeOffset Now = EventRecords.At.AddSeconds(10);

    private static TaskEventRecord Event(WebhookDeliveryState state = WebhookDeliveryState.Pending, DateTimeOffset? dueAt = null, DateTimeOffset? leaseUntil = null, bool published = true) =>
        EventRecords.Pending() with { Webhook = state, DueAt = dueAt ?? EventRecords.At, LeaseUntil = leaseUntil, PublishedAt = published ? EventRecords.At : null };

    private static DeliveryContext Context(DateTimeOffset? ownLease = null, bool gone = false, bool paused = false) => new(Now, ownLease, gone, paused);

    [Fact]
    public void A_due_pending_event_is_sent_and_published_when_it_is_not_on_the_queue_yet()
    {
        Assert.Equal(new DeliveryAction(DeliveryStep.Send, null, Publish: false), DeliveryDecision.Decide(Event(), Subscription, Context()));
        Assert.Equal(new DeliveryAction(DeliveryStep.Send, null, Publish: true), DeliveryDecision.Decide(Event(published: false), Subscription, Context()));
    }

    [Fact]
    public void An_event_not_due_yet_waits_until_its_due_time_and_is_still_published_meanwhile()
    {
        var due = Now.AddMinutes(5);

        Assert.Equal(new DeliveryAction(DeliveryStep.Wait, due, false), DeliveryDecision.Decide(Event(dueAt: due), Subscription, Context()));
        Assert.Equal(new DeliveryAction(DeliveryStep.PublishOnly, due, true), DeliveryDecision.Decide(Event(dueAt: due, published: false), Subscription, Context()));
    }

    [Fact]
    public void An_event_another_worker_holds_is_left_to_it_until_its_lease_runs_out()
    {
        var lease = Now.AddSeconds(30);

        Assert.Equal(new DeliveryAction(DeliveryStep.Held, lease, false), DeliveryDecision.Decide(Event(leaseUntil: lease, published: false), Subscription, Context()));
        Assert.Equal(DeliveryStep.Send, DeliveryDecision.Decide(Event(leaseUntil: Now.AddSeconds(-1)), Subscription, Context()).Step);
    }

    [Fact]
    public void The_worker_that_wrote_the_event_with_its_lease_sends_it_at_once()
    {
        var lease = Now.AddSeconds(30);

        Assert.Equal(new DeliveryAction(DeliveryStep.Send, null, true), DeliveryDecision.Decide(Event(leaseUntil: lease, published: false), Subscription, Context(ownLease: lease)));
    }

    [Theory]
    [InlineData(WebhookDeliveryState.Delivered)]
    [InlineData(WebhookDeliveryState.Failed)]
    [InlineData(WebhookDeliveryState.Gone)]
    [InlineData(WebhookDeliveryState.Skipped)]
    [InlineData(WebhookDeliveryState.Paused)]
    [InlineData(WebhookDeliveryState.NotSubscribed)]
    internal void A_settled_webhook_leaves_only_the_queue_to_do(WebhookDeliveryState state)
    {
        Assert.Equal(new DeliveryAction(DeliveryStep.Nothing, null, false), DeliveryDecision.Decide(Event(state), Subscription, Context()));
        Assert.Equal(new DeliveryAction(DeliveryStep.PublishOnly, null, true), DeliveryDecision.Decide(Event(state, published: false), Subscription, Context()));
    }

    [Fact]
    public void An_event_of_a_task_whose_receiver_answered_410_or_without_a_subscription_is_skipped()
    {
        Assert.Equal(DeliveryStep.Skip, DeliveryDecision.Decide(Event(), Subscription, Context(gone: true)).Step);
        Assert.Equal(DeliveryStep.Skip, DeliveryDecision.Decide(Event(), null, Context()).Step);
    }

    [Fact]
    public void An_event_for_a_paused_receiver_is_paused_whether_due_or_not()
    {
        Assert.Equal(DeliveryStep.Pause, DeliveryDecision.Decide(Event(), Subscription, Context(paused: true)).Step);
        Assert.Equal(DeliveryStep.Pause, DeliveryDecision.Decide(Event(dueAt: Now.AddHours(1)), Subscription, Context(paused: true)).Step);
    }

    [Fact]
    public void Each_event_is_decided_on_its_own_so_a_failing_earlier_one_holds_nothing_back()
    {
        var failing = Event(dueAt: Now.AddHours(2)) with { Sequence = 1, Attempts = 3 };
        var later = Event(published: false) with { Sequence = 2 };

        Assert.Equal(DeliveryStep.Wait, DeliveryDecision.Decide(failing, Subscription, Context()).Step);
        Assert.Equal(DeliveryStep.Send, DeliveryDecision.Decide(later, Subscription, Context()).Step);
    }

    [Theory]
    [InlineData(nameof(DeliveryStep.Send), true)]
    [InlineData(nameof(DeliveryStep.PublishOnly), true)]
    [InlineData(nameof(DeliveryStep.Skip), true)]
    [InlineData(nameof(DeliveryStep.Pause), true)]
    [InlineData(nameof(DeliveryStep.Wait), false)]
    [InlineData(nameof(DeliveryStep.Held), false)]
    [InlineData(nameof(DeliveryStep.Nothing), false)]
    public void Only_steps_that_write_the_event_take_its_lease(string step, bool work) =>
        Assert.Equal(work, new DeliveryAction(Enum.Parse<DeliveryStep>(step), null, false).IsWork);
}
