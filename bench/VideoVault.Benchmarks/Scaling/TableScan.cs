using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Benchmarks.Scaling;

/// <summary>
/// The baseline: the sweep and the list as the app did them before the index, a filtered query over
/// the whole table's task rows. It runs on the same table as the index, so it also passes over the
/// index rows (<c>RowKey eq 'task'</c> keeps them out of the results, not out of the scan).
/// </summary>
internal sealed class TableScan(TableClient table, IWorkQueue sink)
{
    private const int SweepPageSize = 1000;

    private static readonly string[] SweepColumns = ["PartitionKey"];

    private static readonly string TaskRows = TableClient.CreateQueryFilter($"RowKey eq {TaskEntityMapper.RowKey}");

    private static readonly string NotTerminal = string.Join(
        " and ",
        Enum.GetValues<VideoTaskStatus>().Where(TaskStatusRules.IsTerminal).Select(status => TableClient.CreateQueryFilter($"Status ne {TaskStatusNames.ToName(status)}")));

    /// <summary>Queues a reconcile for every open task unchanged since <paramref name="unchangedSince"/>, as ReconcileSweep does.</summary>
    public async Task<int> SweepAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken)
    {
        var filter = $"{TaskRows} and {NotTerminal} and {TableClient.CreateQueryFilter($"UpdatedAt lt {unchangedSince}")}";
        var queued = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, SweepPageSize, SweepColumns, cancellationToken))
        {
            await sink.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, entity.PartitionKey, 0), TimeSpan.Zero, cancellationToken);
            queued++;
        }

        return queued;
    }

    /// <summary>
    /// The first <paramref name="limit"/> tasks, following continuations until the page is full: a
    /// filtered query may answer with fewer matches than asked for (on Azure, at most 1,000 rows scanned
    /// per response), and a caller asking for a page wants it full.
    /// </summary>
    public async Task<int> FirstPageAsync(VideoTaskStatus? status, int limit, CancellationToken cancellationToken)
    {
        var filter = status is { } s ? $"{TaskRows} and {TableClient.CreateQueryFilter($"Status eq {TaskStatusNames.ToName(s)}")}" : TaskRows;
        var tasks = new List<VideoTask>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken))
        {
            // Materialised like the index path's tasks, so both sides pay for reading what they list.
            tasks.Add(TaskEntityMapper.FromEntity(entity));
            if (tasks.Count == limit)
            {
                break;
            }
        }

        return tasks.Count;
    }
}
