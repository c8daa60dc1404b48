using Azure.Storage.Queues;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// Under host.json <c>messageEncoding: base64</c>, what the Functions host does with a message that is not
/// base64: it never reaches a handler. From a work queue it is moved to the poison queue as it is, still
/// undecodable; on a poison queue (which has no poison queue) it is left, and comes back after each
/// processing lease for ever. The app's host.json says <c>none</c>, which the app decodes itself, so
/// this only runs for a host.json that asks for base64; it shows why the app does not.
/// </summary>
internal static partial class UndecodableMessages
{
    /// <summary>-1 s is Queue Storage's "never expires".</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <param name="raw">A client that sends text as it is, so the moved message stays as it was stored.</param>
    public static void MoveToPoison(QueueClientOptions options, QueueServiceClient raw, ILogger logger) =>
        options.MessageDecodingFailed += args => MoveAsync(args, raw, logger);

    private static async Task MoveAsync(QueueMessageDecodingFailedEventArgs args, QueueServiceClient raw, ILogger logger)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        if (args.Queue.Name.EndsWith(WorkQueueNames.PoisonSuffix, StringComparison.Ordinal))
        {
            Log.Stuck(logger, args.Queue.Name, message.MessageId);
            return;
        }

        var poison = raw.GetQueueClient(WorkQueueNames.Poison(args.Queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body.ToString(), visibilityTimeout: null, timeToLive: NeverExpires, args.CancellationToken).ConfigureAwait(false);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken).ConfigureAwait(false);
        Log.Moved(logger, args.Queue.Name, message.MessageId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 903, Level = LogLevel.Error, Message = "Message {MessageId} of queue {Queue} is not base64 and was moved to the poison queue")]
        public static partial void Moved(ILogger logger, string queue, string messageId);

        [LoggerMessage(EventId = 904, Level = LogLevel.Error, Message = "Message {MessageId} of queue {Queue} is not base64; a poison queue has no poison queue, so it stays")]
        public static partial void Stuck(ILogger logger, string queue, string messageId);
    }
}
