using VideoVault.Concurrency;
using VideoVault.Tasks;

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
        var result = await OptimisticUpdate.RunAsync(
            known,
            async () => await store.GetAsync(known.TaskId, known.Sequence, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Event {known.Id} vanished."),
            decide,
            (current, next) => store.TryReplaceAsync(next with { ETag = current.ETag }, cancellationToken),
            MaxConflicts,
            $"Event {known.Id}").ConfigureAwait(false);
        return result!.Value;
    }
}
