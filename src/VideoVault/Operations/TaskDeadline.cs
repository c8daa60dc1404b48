using Microsoft.Extensions.Logging;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Operations;

/// <summary>
/// A task's <c>deadline</c> (as Replicate's <c>Cancel-After</c>): a task PiAPI has not accepted, or still holds
/// pending, is cancelled; one PiAPI is already working on goes on (it is paid for), is archived as usual and
/// carries <c>deadline_missed</c>.
/// </summary>
internal sealed partial class TaskDeadline(ITaskStore store, TaskUpdater updater, TaskCancellation cancellation, IWorkQueue workQueue, TimeProvider timeProvider, ILogger<TaskDeadline> logger)
{
    /// <summary>When PiAPI could not be asked to cancel, the next try.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    public async Task EnforceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var task = await store.GetAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
        if (task?.Request.Deadline is not { } deadline || TaskStatusRules.IsTerminal(task.Status))
        {
            return;
        }

        var early = deadline - timeProvider.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            await workQueue.EnqueueAsync(item, early, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (task.Status is VideoTaskStatus.Submitting or VideoTaskStatus.Pending)
        {
            var result = await cancellation.CancelAsync(task.Id, "Cancelled at its deadline", cancellationToken).ConfigureAwait(false);
            if (result.Outcome == CancelOutcome.PiApiUnavailable)
            {
                await workQueue.EnqueueAsync(item with { Attempt = item.Attempt + 1 }, RetryDelay, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (result.Outcome is CancelOutcome.Cancelled or CancelOutcome.NoTask)
            {
                return;
            }
        }

        var update = await updater.UpdateAsync(task.Id, current => !TaskStatusRules.IsTerminal(current.Status) && !current.DeadlineMissed
            ? current with { DeadlineMissed = true }
            : null,
            cancellationToken).ConfigureAwait(false);
        if (update is { Changed: true })
        {
            Log.Missed(logger, task.Id, TaskStatusNames.ToName(update.Task.Status));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Task {TaskId} passed its deadline while {Status}: it goes on, marked deadline_missed")]
        public static partial void Missed(ILogger logger, string taskId, string status);
    }
}
