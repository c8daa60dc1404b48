using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// A message that is not base64 cannot reach any handler. As under the Functions host it goes to the
/// poison queue at once (its raw text, encoded as the poison trigger reads it) instead of failing
/// the batch it came in: the SDK leaves it out of the batch and calls this, once per such message.
/// </summary>
internal static partial class UndecodableMessages
{
    /// <summary>-1 s is Queue Storage's "never expires".</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public static void MoveToPoison(QueueClientOptions options, ILogger logger) =>
        options.MessageDecodingFailed += args => MoveAsync(args, logger);

    private static async Task MoveAsync(QueueMessageDecodingFailedEventArgs args, ILogger logger)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(WorkQueueNames.Poison(args.Queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body.ToString(), visibilityTimeout: null, timeToLive: NeverExpires, args.CancellationToken).ConfigureAwait(false);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken).ConfigureAwait(false);
        Log.Moved(logger, args.Queue.Name, message.MessageId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 903, Level = LogLevel.Error, Message = "Message {MessageId} of queue {Queue} is not base64 and was moved to the poison queue")]
        public static partial void Moved(ILogger logger, string queue, string messageId);
    }
}
