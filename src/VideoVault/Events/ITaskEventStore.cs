using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>Where events are kept: beside their task, written with it by <see cref="ITaskStore.TryReplaceAsync"/>. Every write is guarded by the ETag of the state it was decided on.</summary>
internal interface ITaskEventStore
{
    /// <summary>The task and its events in sequence order, in one read; null when there is no task.</summary>
    Task<TaskEventLog?> ReadAsync(string taskId, CancellationToken cancellationToken);

    Task<TaskEventRecord?> GetAsync(string taskId, int sequence, CancellationToken cancellationToken);

    /// <summary>Replaces the event if it is still at its <see cref="TaskEventRecord.ETag"/>.</summary>
    /// <returns>The event as written, or null when someone else changed it since it was read.</returns>
    Task<TaskEventRecord?> TryReplaceAsync(TaskEventRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of tasks with an event whose webhook attempt has been due since before <paramref name="dueBefore"/>
    /// or which is not on the queue though it happened before then, a page at a time.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<string>> FindUndeliveredAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>
    /// The events for the receiver <paramref name="receiver"/> (its key) that happened at or after
    /// <paramref name="since"/> and are in one of <paramref name="states"/>: an operator's recover or resume,
    /// so a filtered scan of the event rows, like the sweep's.
    /// </summary>
    IAsyncEnumerable<TaskEventRecord> FindForReceiverAsync(string receiver, DateTimeOffset since, IReadOnlyList<WebhookDeliveryState> states, CancellationToken cancellationToken);
}

internal sealed record TaskEventLog(VideoTask Task, IReadOnlyList<TaskEventRecord> Events);
