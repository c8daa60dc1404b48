using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using VideoVault.Events;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// What the dev host's EventDispatcher does with a new event once the request that raised it has been answered
/// (EventDeliverer.DeliverNewAsync for an event nobody subscribed to), issued directly, at most
/// <see cref="EventDispatcher.Concurrency"/> at a time as the dispatcher does:
/// 1. table query: the task's partition, the task row and its events (TableTaskEventStore.ReadAsync);
/// 2. events queue send: the CloudEvent, the delivery message (StorageEventQueue.PublishAsync);
/// 3. table PUT: the event row replaced If-Match its ETag as read, recording the publication (EventWrites.UpdateAsync).
/// </summary>
internal sealed class DeliveryFloor(TableClient table, QueueClient eventsQueue)
{
    private readonly SemaphoreSlim _slots = new(EventDispatcher.Concurrency);
    private readonly ConcurrentQueue<Task> _running = new();

    /// <summary>Starts the delivery without waiting for it, as the writer hands its events to the dispatcher.</summary>
    public void Start(TransitionRows rows) => _running.Enqueue(DeliverAsync(rows));

    /// <summary>Waits for every delivery started so far, and surfaces their failures.</summary>
    public async Task DrainAsync()
    {
        while (_running.TryDequeue(out var delivery))
        {
            await delivery;
        }
    }

    private async Task DeliverAsync(TransitionRows rows)
    {
        await _slots.WaitAsync();
        try
        {
            TableEntity? stored = null;
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {rows.TaskId}")))
            {
                stored = entity.RowKey == rows.Event.RowKey ? entity : stored;
            }

            await eventsQueue.SendMessageAsync(rows.CloudEvent);
            await table.UpdateEntityAsync(rows.PublishedEvent, (stored ?? throw new InvalidOperationException($"Task {rows.TaskId}: the event row is missing.")).ETag, TableUpdateMode.Replace);
        }
        finally
        {
            _slots.Release();
        }
    }
}
