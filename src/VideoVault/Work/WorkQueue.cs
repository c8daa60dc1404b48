using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Work;

/// <summary>Puts work items on the task queue, optionally hidden for a delay (how backoff is done).</summary>
public sealed class WorkQueue(IQueueStore queues, IOptions<VideoVaultOptions> options, StorageBootstrap bootstrap)
{
    /// <summary>Queue Storage refuses a visibility delay over 7 days.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public async Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var visibility = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await queues.SendAsync(options.Value.WorkQueue, WorkItemJson.Serialize(item), visibility, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }
}
