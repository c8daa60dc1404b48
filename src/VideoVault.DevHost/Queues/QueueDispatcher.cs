using VideoVault.Storage;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// What the Functions queue trigger does, for one queue: poll (backing off to maxPollingInterval
/// while idle), run the handler on a batch, delete on success, on failure make the message visible
/// again after visibilityTimeout, and after maxDequeueCount failures move it to the poison queue.
/// </summary>
internal sealed partial class QueueDispatcher(
    string queue,
    Func<string, CancellationToken, Task> handler,
    IQueueStore queues,
    StorageBootstrap bootstrap,
    QueueTriggerSettings settings,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>How long a message stays hidden while it is being handled.</summary>
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                await bootstrap.EnsureAsync(stoppingToken).ConfigureAwait(false);
                await queues.CreateQueueIfNotExistsAsync(queue, stoppingToken).ConfigureAwait(false);
                var messages = await queues.ReceiveAsync(queue, Math.Clamp(settings.BatchSize, 1, 32), ProcessingLease, stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken))).ConfigureAwait(false);
                handled = messages.Count;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Storage unreachable: keep polling, the host must recover without a restart.
                Log.PollFailed(logger, queue, exception.Message);
                handled = 0;
            }

            idleDelay = handled > 0 ? MinimumPollingInterval : Min(idleDelay * 2, settings.MaxPollingInterval);
            if (handled == 0)
            {
                await Task.Delay(idleDelay, timeProvider, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, stoppingToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(message.Text, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.HandlerFailed(logger, queue, message.MessageId, message.DequeueCount, exception);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await queues.UpdateVisibilityAsync(queue, message.MessageId, message.PopReceipt, settings.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
            }

            return;
        }

        await queues.DeleteAsync(queue, message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var poison = WorkQueueNames.Poison(queue);
        await queues.CreateQueueIfNotExistsAsync(poison, stoppingToken).ConfigureAwait(false);
        await queues.SendAsync(poison, message.Text, null, Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
        await queues.DeleteAsync(queue, message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
        Log.Poisoned(logger, queue, message.MessageId, message.DequeueCount);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Reason}")]
        public static partial void PollFailed(ILogger logger, string queue, string reason);

        [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Handler for queue {Queue} failed on message {MessageId} (delivery {DequeueCount})")]
        public static partial void HandlerFailed(ILogger logger, string queue, string messageId, long dequeueCount, Exception exception);

        [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Message {MessageId} of queue {Queue} moved to the poison queue after {DequeueCount} deliveries")]
        public static partial void Poisoned(ILogger logger, string queue, string messageId, long dequeueCount);
    }
}
