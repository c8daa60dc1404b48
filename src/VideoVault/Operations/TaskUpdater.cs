using VideoVault.Budgets;
using VideoVault.Concurrency;
using VideoVault.Events;
using VideoVault.Tasks;
using VideoVault.Telemetry;

namespace VideoVault.Operations;

/// <summary>
/// Read-decide-write with optimistic concurrency: the decision is re-made on the fresh state
/// whenever someone else wrote first, so concurrent webhooks and workers agree on one outcome.
/// Every write goes through the event journal, which stores the events a status change raises in
/// the same guarded write. With a budget, a write that ends a task gives back what it held of the budgets.
/// </summary>
internal sealed class TaskUpdater(ITaskStore store, TimeProvider timeProvider, TaskEventJournal events, TaskBudget? budget = null, VideoVaultMetrics? metrics = null)
{
    private const int MaxConflicts = 20;

    /// <param name="decide">Returns the new state, or null to leave the task as it is.</param>
    /// <returns>The task as it stands afterwards and whether this call changed it; null when the task does not exist.</returns>
    public Task<TaskUpdate?> UpdateAsync(string id, Func<VideoTask, VideoTask?> decide, CancellationToken cancellationToken) =>
        UpdateAsync(id, null, decide, cancellationToken);

    /// <summary>Like <see cref="UpdateAsync(string, Func{VideoTask, VideoTask?}, CancellationToken)"/>, starting from a state the caller just read or wrote, which saves a read when nobody wrote since.</summary>
    public Task<TaskUpdate?> UpdateAsync(VideoTask known, Func<VideoTask, VideoTask?> decide, CancellationToken cancellationToken) =>
        UpdateAsync(known.Id, known, decide, cancellationToken);

    private async Task<TaskUpdate?> UpdateAsync(string id, VideoTask? known, Func<VideoTask, VideoTask?> decide, CancellationToken cancellationToken)
    {
        var result = await OptimisticUpdate.RunAsync(
            known?.ETag is null ? null : known,
            () => store.GetAsync(id, cancellationToken),
            decide,
            (current, next) => WriteAsync(current, next, cancellationToken),
            MaxConflicts,
            $"Task {id}").ConfigureAwait(false);
        return result is { } update ? new TaskUpdate(update.State, update.Changed) : null;
    }

    /// <summary>Stamps the change (time, timeline) and writes it through the journal, which stores the events it raises in the same guarded write.</summary>
    private async Task<VideoTask?> WriteAsync(VideoTask current, VideoTask next, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stamped = next with
        {
            UpdatedAt = now,
            ETag = current.ETag,
            Timeline = next.Status == current.Status ? next.Timeline : TaskTimeline.Append(next.Timeline, next.Status, now),
        };
        var written = await events.TryReplaceAsync(current, stamped, cancellationToken).ConfigureAwait(false);
        if (written is not null && budget is not null)
        {
            await budget.AfterMoveAsync(current, written, cancellationToken).ConfigureAwait(false);
        }

        if (written is not null)
        {
            RecordFinish(current, written, now);
        }

        return written;
    }

    /// <summary>Every move into a final status passes here, whichever path (webhook, queue, sweep) made it.</summary>
    private void RecordFinish(VideoTask before, VideoTask after, DateTimeOffset now)
    {
        if (metrics is null || before.Status == after.Status || !TaskStatusRules.IsTerminal(after.Status))
        {
            return;
        }

        metrics.TaskFinished(after.Request.Model, TaskStatusNames.ToName(after.Status));
        if (after.Status == VideoTaskStatus.Archived)
        {
            metrics.TaskArchived(after.Request.Model, now - after.CreatedAt);
        }
    }
}

internal sealed record TaskUpdate(VideoTask Task, bool Changed);
