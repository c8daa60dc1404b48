namespace VideoVault.Events;

/// <summary>
/// One holder per task at a time in this process: the deliverer works on a task's events under it, so a
/// 410 heard for one event is stored before any other attempt of the task starts here. A task's
/// semaphore lives while someone holds or waits for it.
/// </summary>
internal sealed class TaskGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (SemaphoreSlim Semaphore, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string taskId, CancellationToken cancellationToken)
    {
        SemaphoreSlim semaphore;
        lock (_lock)
        {
            var (existing, users) = _gates.GetValueOrDefault(taskId);
            semaphore = existing ?? new SemaphoreSlim(1, 1);
            _gates[taskId] = (semaphore, users + 1);
        }

        try
        {
            await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Leave(taskId, release: false);
            throw;
        }

        return new Holder(this, taskId);
    }

    /// <summary>How many tasks have a holder or a waiter; none once every holder is done.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    private void Leave(string taskId, bool release)
    {
        lock (_lock)
        {
            var (semaphore, users) = _gates[taskId];
            if (release)
            {
                semaphore.Release();
            }

            if (users == 1)
            {
                _gates.Remove(taskId);
                semaphore.Dispose();
            }
            else
            {
                _gates[taskId] = (semaphore, users - 1);
            }
        }
    }

    private sealed class Holder(TaskGate gate, string taskId) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                gate.Leave(taskId, release: true);
            }
        }
    }
}
