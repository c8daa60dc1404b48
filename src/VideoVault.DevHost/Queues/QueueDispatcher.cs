using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// What the Functions queue trigger does, for one queue: poll (backing off to maxPollingInterval
/// while idle), run the handler on a batch, delete on success, on failure make the message visible
/// again after visibilityTimeout, and after maxDequeueCount failures move it to the poison queue.
/// Under <c>messageEncoding: none</c> (the app's) every message reaches the handler as stored; under
/// base64, messages that cannot be decoded never reach the batch (see <see cref="UndecodableMessages"/>).
/// </summary>
internal sealed partial class QueueDispatcher(
    QueueClient queue,
    Func<string, CancellationToken, Task> handler,
    QueueTriggerSettings settings,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>How long a message stays hidden while it is being handled.</summary>
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient _poison = queue.GetParentQueueServiceClient().GetQueueClient(WorkQueueNames.Poison(queue.Name));
    private bool _created;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                await EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Clamp(settings.BatchSize, 1, 32), ProcessingLease, stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken))).ConfigureAwait(false);
                handled = messages.Length;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Storage unreachable: keep polling, the host must recover without a restart.
                Log.PollFailed(logger, queue.Name, exception.Message);
                handled = 0;
            }

            idleDelay = handled > 0 ? MinimumPollingInterval : Min(idleDelay * 2, settings.MaxPollingInterval);
            if (handled == 0)
            {
                await Task.Delay(idleDelay, timeProvider, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken stoppingToken)
    {
        if (!_created)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            await _poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            _created = true;
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
            await handler(message.MessageText, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.HandlerFailed(logger, queue.Name, message.MessageId, message.DequeueCount, exception);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken).ConfigureAwait(false);
            }

            return;
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        await _poison.SendMessageAsync(message.MessageText, visibilityTimeout: null, timeToLive: UndecodableMessages.NeverExpires, stoppingToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
        Log.Poisoned(logger, queue.Name, message.MessageId, message.DequeueCount);
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
