namespace VideoVault.Storage;

/// <summary>The Queue Storage operations VideoVault uses.</summary>
public interface IQueueStore
{
    Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken);

    /// <param name="visibilityDelay">How long the message stays hidden before its first delivery (max 7 days).</param>
    /// <param name="timeToLive">How long it lives; null for the service default (7 days), <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    Task<QueueMessageReceipt> SendAsync(string queue, string text, TimeSpan? visibilityDelay, TimeSpan? timeToLive, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="maxMessages"/> (1-32) visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Hides a received message for <paramref name="visibilityTimeout"/> from now.</summary>
    /// <returns>The new pop receipt; the old one is no longer valid.</returns>
    Task<QueueMessageReceipt> UpdateVisibilityAsync(string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes a received message. Throws when the pop receipt is stale (someone else received it since).</summary>
    Task DeleteAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken);
}
