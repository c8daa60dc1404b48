using VideoVault.Work;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// <see cref="IWorkQueue"/> in memory: keeps every item with its delay and when it falls due on the
/// fake clock, so a test can check what was scheduled and hand out what is due.
/// </summary>
internal sealed class InMemoryWorkQueue(TimeProvider clock) : IWorkQueue
{
    private readonly Lock _gate = new();
    private readonly List<QueuedItem> _waiting = [];
    private readonly List<QueuedItem> _enqueued = [];

    /// <summary>Everything ever enqueued, in order, popped or not.</summary>
    public IReadOnlyList<QueuedItem> Enqueued
    {
        get
        {
            lock (_gate)
            {
                return [.. _enqueued];
            }
        }
    }

    /// <summary>Items not popped yet, soonest due first.</summary>
    public IReadOnlyList<QueuedItem> Waiting
    {
        get
        {
            lock (_gate)
            {
                return [.. _waiting.OrderBy(item => item.DueAt)];
            }
        }
    }

    public Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken)
    {
        // Clamped like Queue Storage's visibility timeout; the delay asked for is kept for the test to check.
        var queued = new QueuedItem(item, delay, clock.GetUtcNow() + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay));
        lock (_gate)
        {
            _waiting.Add(queued);
            _enqueued.Add(queued);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes the items that are visible now, soonest due first.</summary>
    public IReadOnlyList<WorkItem> PopDue()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var due = _waiting.Where(item => item.DueAt <= now).OrderBy(item => item.DueAt).ToList();
            _waiting.RemoveAll(due.Contains);
            return [.. due.Select(item => item.Item)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _waiting.Clear();
            _enqueued.Clear();
        }
    }
}

internal sealed record QueuedItem(WorkItem Item, TimeSpan Delay, DateTimeOffset DueAt);
