using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>
/// What to do with one event now, given where it stands, the task's subscription and its receiver. Each
/// event is decided alone, so a failing one never holds back a later one: receivers order by sequence.
/// </summary>
internal static class DeliveryDecision
{
    public static DeliveryAction Decide(TaskEventRecord record, WebhookSubscription? subscription, DeliveryContext context)
    {
        var publish = record.PublishedAt is null;
        if (record.LeaseUntil > context.Now && record.LeaseUntil != context.OwnLease)
        {
            return new DeliveryAction(DeliveryStep.Held, record.LeaseUntil, Publish: false);
        }

        if (record.Webhook != WebhookDeliveryState.Pending)
        {
            return new DeliveryAction(publish ? DeliveryStep.PublishOnly : DeliveryStep.Nothing, null, publish);
        }

        if (subscription is null || context.TaskGone)
        {
            return new DeliveryAction(DeliveryStep.Skip, null, publish);
        }

        if (context.ReceiverPaused)
        {
            return new DeliveryAction(DeliveryStep.Pause, null, publish);
        }

        return record.DueAt > context.Now
            ? new DeliveryAction(publish ? DeliveryStep.PublishOnly : DeliveryStep.Wait, record.DueAt, publish)
            : new DeliveryAction(DeliveryStep.Send, null, publish);
    }
}

/// <param name="Now">The time the decision is made at.</param>
/// <param name="OwnLease">The lease the deciding worker holds on the event already (the one it was written with), if any.</param>
/// <param name="TaskGone">A receiver answered 410 Gone to an event of the task: nothing more of it goes there.</param>
/// <param name="ReceiverPaused">The task's receiver URL is paused: its deliveries have all failed for <see cref="EventOptions.PauseAfter"/>.</param>
internal readonly record struct DeliveryContext(DateTimeOffset Now, DateTimeOffset? OwnLease, bool TaskGone, bool ReceiverPaused);

/// <param name="Until">For <see cref="DeliveryStep.Wait"/> and <see cref="DeliveryStep.Held"/>: when to look again. For <see cref="DeliveryStep.PublishOnly"/>: when its webhook is due, if it is still to go.</param>
/// <param name="Publish">The CloudEvent is not on the events queue yet.</param>
internal readonly record struct DeliveryAction(DeliveryStep Step, DateTimeOffset? Until, bool Publish)
{
    /// <summary>Whether the event needs its lease and a write now.</summary>
    public bool IsWork => Step is DeliveryStep.Send or DeliveryStep.PublishOnly or DeliveryStep.Skip or DeliveryStep.Pause;
}

internal enum DeliveryStep
{
    /// <summary>Settled and on the queue: nothing left to do.</summary>
    Nothing,

    /// <summary>Due: send its webhook (and publish it if it is not on the queue yet).</summary>
    Send,

    /// <summary>Its next attempt is not due yet.</summary>
    Wait,

    /// <summary>Put it on the events queue; its webhook, if any, is not due (or settled).</summary>
    PublishOnly,

    /// <summary>Nowhere to send it: no subscription, or the receiver answered 410 to the task.</summary>
    Skip,

    /// <summary>Its receiver is paused: kept as <see cref="WebhookDeliveryState.Paused"/> until resumed.</summary>
    Pause,

    /// <summary>Another worker holds it until its lease runs out.</summary>
    Held,
}
