using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Storage;

/// <summary>
/// The work queue on Queue Storage, items as raw JSON (<see cref="StorageClientFactory.WorkQueueEncoding"/>);
/// its poison queue is created with it, so the trigger always finds both.
/// </summary>
internal sealed class StorageWorkQueue : IWorkQueue
{
    /// <summary>Queue Storage refuses a visibility delay over 7 days.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>A work item must never expire unseen: -1 s is Queue Storage's "never".</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _queue;
    private readonly CreateOnce _created;
    private readonly TimeProvider _timeProvider;

    /// <param name="service">A client from <see cref="StorageClientFactory.CreateWorkQueueServiceClient"/>.</param>
    public StorageWorkQueue(QueueServiceClient service, IOptions<VideoVaultOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _queue = service.GetQueueClient(options.Value.WorkQueue);
        var poison = service.GetQueueClient(WorkQueueNames.Poison(options.Value.WorkQueue));
        _created = new CreateOnce(async ct =>
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            await poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        });
    }

    public async Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var visibility = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        // The item carries the trace it was sent in, so the handler (a retry too) continues the task's trace.
        var stamped = item with { TraceParent = item.TraceParent ?? VideoVaultTelemetry.TraceParentFor(item.TaskId, null), VisibleAt = _timeProvider.GetUtcNow() + visibility };
        await _queue.SendMessageAsync(WorkItemJson.Serialize(stamped), visibility, NeverExpires, cancellationToken).ConfigureAwait(false);
    }
}
