using Microsoft.Extensions.Logging;
using VideoVault.Tasks;

namespace VideoVault.Budgets;

/// <summary>
/// Frees the open-task slots of tasks that are no longer open, or were never stored: what a host that died
/// between a task's end (or its admission) and the release left behind. It reads the slots only, at most the
/// limit's worth, so its cost does not grow with the task table.
/// </summary>
internal sealed partial class BudgetSweep(IBudgetLedger ledger, ITaskStore store, TimeProvider timeProvider, ILogger<BudgetSweep> logger)
{
    /// <returns>How many slots were freed.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var freed = 0;
        var now = timeProvider.GetUtcNow();
        foreach (var (slot, taskId, since) in await ledger.SlotsAsync(cancellationToken).ConfigureAwait(false))
        {
            VideoTask? task;
            try
            {
                task = await store.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            }
            catch (UnreadableTaskException)
            {
                continue;
            }

            // A slot is taken just before its task is stored: only one this old without its task is left over.
            var leftOver = task is null ? now - since > RowsAheadOfTask.Grace : !TaskStatusRules.IsOpen(task.Status);
            if (leftOver)
            {
                await ledger.ReleaseSlotAsync(taskId, slot, cancellationToken).ConfigureAwait(false);
                freed++;
            }
        }

        if (freed > 0)
        {
            Log.Freed(logger, freed);
        }

        return freed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Budget sweep freed {Freed} open-task slot(s) whose tasks had ended or were never stored")]
        public static partial void Freed(ILogger logger, int freed);
    }
}
