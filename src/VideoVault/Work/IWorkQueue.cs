namespace VideoVault.Work;

/// <summary>The task queue: work items, optionally hidden for a delay (how backoff is done).</summary>
internal interface IWorkQueue
{
    /// <param name="delay">How long the item stays invisible; clamped to what the queue allows.</param>
    Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken);
}
