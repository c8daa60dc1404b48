namespace VideoVault.Events;

/// <summary>Read-decide-write of one event row, re-deciding on the fresh row whenever someone else wrote first.</summary>
internal static class EventWrites
{
    private const int MaxConflicts = 10;

    /// <param name="decide">The new state, or null to leave the event as it is.</param>
    /// <returns>The event as it stands afterwards and whether this call changed it.</returns>
    public static async Task<(TaskEventRecord Record, bool Changed)> UpdateAsync(
        ITaskEventStore store, TaskEventRecord known, Func<TaskEventRecord, TaskEventRecord?> decide, CancellationToken cancellationToken)
    {
        var current = known;
        for (var conflict = 0; ; conflict++)
        {
            var next = decide(current);
            if (next is null)
            {
                return (current, false);
            }

            if (await store.TryReplaceAsync(next with { ETag = current.ETag }, cancellationToken).ConfigureAwait(false) is { } written)
            {
                return (written, true);
            }

            if (conflict == MaxConflicts)
            {
                throw new InvalidOperationException($"Event {known.Id} kept changing under {MaxConflicts} consecutive updates.");
            }

            current = await store.GetAsync(known.TaskId, known.Sequence, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Event {known.Id} vanished.");
        }
    }
}
