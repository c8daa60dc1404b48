using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Work;

/// <summary>
/// The last safety net: finds tasks that are not terminal and have not changed for a while (their
/// reconcile message was lost, e.g. expired or poisoned) and queues a reconcile for each. Table
/// Storage has no secondary index, so this is a filtered scan: it reads the table page by page with
/// only three columns, so memory stays at one page however many tasks there are.
/// </summary>
public sealed partial class ReconcileSweep(
    ITableStore tables,
    WorkQueue workQueue,
    StorageBootstrap bootstrap,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcileSweep> logger)
{
    /// <summary>Every 15 minutes, as NCRONTAB for the Functions timer trigger (Flex Consumption takes no TimeSpan schedules).</summary>
    public const string Schedule = "0 */15 * * * *";

    /// <summary>The same period for the dev host's timer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private const int PageSize = 1000;
    private static readonly string[] Columns = ["PartitionKey", "Status", "UpdatedAt"];

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var staleBefore = timeProvider.GetUtcNow() - settings.SweepStaleAfter;
        var terminal = Enum.GetValues<VideoTaskStatus>().Where(TaskStatusRules.IsTerminal)
            .Select(s => $"Status ne {TableFilter.Quote(TaskStatusNames.ToName(s))}");
        var filter = string.Join(" and ", terminal) + $" and UpdatedAt lt {TableFilter.DateTime(staleBefore)}";

        var (matched, queued, pages) = (0, 0, 0);
        TableContinuation? continuation = null;
        do
        {
            var page = await tables.QueryAsync(settings.TaskTable, new TableQuery(filter, Columns, PageSize, continuation), cancellationToken).ConfigureAwait(false);
            pages++;
            matched += page.Entities.Count;
            foreach (var entity in page.Entities)
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, entity.PartitionKey, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                queued++;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        Log.Swept(logger, queued, pages);
        return new SweepResult(matched, queued, pages);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Reconcile sweep queued {Queued} stale task(s) in {Pages} page(s)")]
        public static partial void Swept(ILogger logger, int queued, int pages);
    }
}

public sealed record SweepResult(int Matched, int Queued, int Pages);
