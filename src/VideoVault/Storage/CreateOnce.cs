namespace VideoVault.Storage;

/// <summary>
/// Creates a storage resource (table, queue, container) on first use rather than at start-up, so the
/// app starts and answers with clear errors while storage is briefly unreachable. A failed attempt is
/// forgotten, so the next caller tries again; the creation is shared, so no caller's cancellation
/// cancels it for the others, and each caller stops waiting instead.
/// </summary>
internal sealed class CreateOnce(Func<CancellationToken, Task> create)
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            return _creation.WaitAsync(cancellationToken);
        }
    }

    // Async so that even an exception thrown before the first await ends up in the task.
    private async Task CreateAsync() => await create(CancellationToken.None).ConfigureAwait(false);
}
