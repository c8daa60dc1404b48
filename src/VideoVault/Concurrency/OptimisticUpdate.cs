namespace VideoVault.Concurrency;

/// <summary>
/// The app's one read-decide-write loop over an ETag-guarded row (a task, an event): the decision is made again on
/// the fresh state whenever someone else wrote first, so concurrent webhooks, workers and requests agree on one outcome.
/// </summary>
internal static class OptimisticUpdate
{
    /// <param name="known">A state the caller just read or wrote, which saves the first read; null reads first.</param>
    /// <param name="read">The row as stored now; null when it does not exist.</param>
    /// <param name="decide">The new state, or null to leave the row as it is.</param>
    /// <param name="tryWrite">Writes the new state if the row is still the current one (its ETag); null when someone else wrote first.</param>
    /// <param name="maxConflicts">How many lost races in a row mean something is wrong rather than busy.</param>
    /// <returns>The row as it stands afterwards and whether this call changed it; null when it does not exist.</returns>
    public static async Task<(T State, bool Changed)?> RunAsync<T>(
        T? known,
        Func<Task<T?>> read,
        Func<T, T?> decide,
        Func<T, T, Task<T?>> tryWrite,
        int maxConflicts,
        string what)
        where T : class
    {
        var current = known;
        for (var conflict = 0; ; conflict++)
        {
            current ??= await read().ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var next = decide(current);
            if (next is null)
            {
                return (current, false);
            }

            if (await tryWrite(current, next).ConfigureAwait(false) is { } written)
            {
                return (written, true);
            }

            if (conflict == maxConflicts)
            {
                throw new InvalidOperationException($"{what} kept changing under {maxConflicts} consecutive updates.");
            }

            current = null;
        }
    }
}
