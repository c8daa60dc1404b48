using Microsoft.Extensions.Logging;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Events.Receivers;

/// <summary>
/// An operator's calls after a receiver's outage: <b>recover</b> sends again every event not delivered to
/// the receiver since a time (Svix's recover), <b>resume</b> ends a pause and sends what it held; both say
/// the receiver is back, so both end a pause. An event
/// is made due now only when no attempt holds its lease, and goes out through the deliverer, which claims
/// the lease, so it is never sent twice at once with its scheduled retry; that retry finds it delivered.
/// </summary>
internal sealed partial class ReceiverRecovery(
    ITaskEventStore events,
    IWebhookReceiverStore receivers,
    ReceiverHealth health,
    IWorkQueue workQueue,
    TimeProvider timeProvider,
    ILogger<ReceiverRecovery> logger)
{
    private static readonly WebhookDeliveryState[] Undelivered = [WebhookDeliveryState.Pending, WebhookDeliveryState.Failed, WebhookDeliveryState.Paused];

    /// <returns>How many events were queued; null when no such receiver is known.</returns>
    public async Task<RecoveryResult?> RecoverAsync(string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (await ActivateAsync(key, cancellationToken).ConfigureAwait(false) is not var (receiver, delay))
        {
            return null;
        }

        var result = await QueueAsync(key, since, Undelivered, delay, cancellationToken).ConfigureAwait(false);
        Log.Recovered(logger, receiver.Url, since, result.Queued, result.InProgress);
        return result;
    }

    /// <returns>The receiver as resumed and how many held events were queued; null when no such receiver is known.</returns>
    public async Task<(WebhookReceiver Receiver, RecoveryResult Result)?> ResumeAsync(string key, CancellationToken cancellationToken)
    {
        if (await ActivateAsync(key, cancellationToken).ConfigureAwait(false) is not var (receiver, delay))
        {
            return null;
        }

        var result = await QueueAsync(key, DateTimeOffset.MinValue, [WebhookDeliveryState.Paused], delay, cancellationToken).ConfigureAwait(false);
        Log.Resumed(logger, receiver.Url, result.Queued);
        return (receiver, result);
    }

    /// <summary>Ends the receiver's pause, if it is paused, and makes this process see it at once.</summary>
    /// <returns>The receiver, and how long its deliveries wait: other instances see the end of a pause within <see cref="ReceiverHealth.CacheFor"/>.</returns>
    private async Task<(WebhookReceiver Receiver, TimeSpan Delay)?> ActivateAsync(string key, CancellationToken cancellationToken)
    {
        var receiver = await receivers.GetAsync(key, cancellationToken).ConfigureAwait(false);
        var delay = receiver is { Paused: true } ? ReceiverHealth.CacheFor : TimeSpan.Zero;
        while (receiver is { Paused: true })
        {
            receiver = await receivers.TryWriteAsync(receiver.Resumed(), cancellationToken).ConfigureAwait(false)
                ?? await receivers.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }

        if (receiver is null)
        {
            return null;
        }

        health.Remember(receiver);
        return (receiver, delay);
    }

    private async Task<RecoveryResult> QueueAsync(string key, DateTimeOffset since, IReadOnlyList<WebhookDeliveryState> states, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tasks = new HashSet<string>(StringComparer.Ordinal);
        var (queued, inProgress) = (0, 0);
        await foreach (var record in events.FindForReceiverAsync(key, since, states, cancellationToken).ConfigureAwait(false))
        {
            var (_, changed) = await EventWrites.UpdateAsync(events, record, current =>
                current.LeaseUntil > now || !states.Contains(current.Webhook) ? null : current with { Webhook = WebhookDeliveryState.Pending, DueAt = now },
                cancellationToken).ConfigureAwait(false);
            queued += changed ? 1 : 0;
            inProgress += changed ? 0 : 1;
            if (changed && tasks.Add(record.TaskId))
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, record.TaskId, 0), delay, cancellationToken).ConfigureAwait(false);
            }
        }

        return new RecoveryResult(queued, inProgress);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1141, Level = LogLevel.Information, Message = "Receiver {Url}: recover since {Since:o} queued {Queued} event(s); {InProgress} were being sent already")]
        public static partial void Recovered(ILogger logger, string url, DateTimeOffset since, int queued, int inProgress);

        [LoggerMessage(EventId = 1142, Level = LogLevel.Information, Message = "Receiver {Url} resumed: {Queued} held event(s) queued")]
        public static partial void Resumed(ILogger logger, string url, int queued);
    }
}

/// <param name="Queued">Events made due now and queued for delivery.</param>
/// <param name="InProgress">Events found but held by an attempt under way (or settled meanwhile): left to it.</param>
internal sealed record RecoveryResult(int Queued, int InProgress);
