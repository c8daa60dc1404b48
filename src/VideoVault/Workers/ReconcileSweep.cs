using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Budgets;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// The last safety net: finds tasks that are not terminal and have not changed for a while (their
/// reconcile message was lost, e.g. expired or poisoned) and queues a reconcile for each; then frees the
/// open-task slots of tasks that ended while their host died.
/// </summary>
internal sealed partial class ReconcileSweep(
    ITaskStore store,
    IWorkQueue workQueue,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcileSweep> logger,
    BudgetSweep? budgets = null)
{
    /// <summary>Every 15 minutes, as NCRONTAB for the Functions timer trigger (Flex Consumption takes no TimeSpan schedules).</summary>
    public const string Schedule = "0 */15 * * * *";

    /// <summary>The same period for the dev host's timer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public Task<SweepResult> SweepAsync(CancellationToken cancellationToken) => SweepAsync(options.Value.SweepStaleAfter, cancellationToken);

    /// <param name="staleAfter">How long a task must have been in its status to be reconciled.</param>
    public async Task<SweepResult> SweepAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var staleBefore = timeProvider.GetUtcNow() - staleAfter;
        var (matched, queued, pages) = (0, 0, 0);
        await foreach (var page in store.FindStaleOpenAsync(staleBefore, cancellationToken).ConfigureAwait(false))
        {
            pages++;
            matched += page.Count;
            foreach (var taskId in page)
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, taskId, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                queued++;
            }
        }

        if (budgets is not null)
        {
            await budgets.SweepAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Swept(logger, queued, pages);
        return new SweepResult(matched, queued, pages);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Reconcile sweep queued {Queued} stale task(s) in {Pages} page(s)")]
        public static partial void Swept(ILogger logger, int queued, int pages);
    }
}
