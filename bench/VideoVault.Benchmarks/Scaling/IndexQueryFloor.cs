using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Scaling;

/// <summary>
/// The floor of a list page served from the index: the one query it must issue (the partition, a page of
/// rows, the same columns) straight through a TableClient, with no product code around it. Whatever this
/// costs at a table size is the storage's own price for one query there.
/// </summary>
internal sealed class IndexQueryFloor(TableClient table)
{
    public async Task<int> FirstPageAsync(VideoTaskStatus? status, int limit, CancellationToken cancellationToken)
    {
        var partition = status is { } s ? TaskIndexRow.PartitionOf(s) : TaskIndexRow.AllPartition;
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), limit, TaskIndexEntity.Columns, cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: limit).WithCancellation(cancellationToken))
        {
            return page.Values.Count;
        }

        return 0;
    }
}
