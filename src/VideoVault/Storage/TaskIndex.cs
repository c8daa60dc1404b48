using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Writes and reads the index rows of <see cref="TaskIndexRow"/>. Rows are written before the task
/// write they describe and deleted after it, so every stored task always has the row of its status;
/// what a crash leaves behind is a row too many, which readers judge and delete.
/// </summary>
internal sealed class TaskIndex(TableClient table)
{
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "Timestamp", TaskIndexRow.TaskIdProperty];

    /// <summary>The row of the task's status and, for a new task, its <c>index-all</c> and model rows. Upserts: a retry writes the same rows.</summary>
    public async Task AddAsync(VideoTask task, bool isNew, CancellationToken cancellationToken)
    {
        var rowKey = TaskIndexRow.RowKeyOf(task);
        if (isNew)
        {
            await Task.WhenAll(
                UpsertAsync(TaskIndexRow.AllPartition, rowKey, task.Id, cancellationToken),
                UpsertAsync(TaskIndexRow.PartitionOfModel(task.Request.Model), rowKey, task.Id, cancellationToken)).ConfigureAwait(false);
        }

        await UpsertAsync(TaskIndexRow.PartitionOf(task.Status), rowKey, task.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the row of a status its task has just left; unconditional, since statuses never come back.</summary>
    public Task DeleteLeftAsync(string partition, string rowKey, CancellationToken cancellationToken) =>
        DeleteAsync(partition, rowKey, ETag.All, cancellationToken);

    /// <summary>Deletes a row judged a leftover, only as it was read: a retried create may have written it again since.</summary>
    public Task DeleteJudgedAsync(TaskIndexRow row, CancellationToken cancellationToken) =>
        DeleteAsync(row.Partition, row.RowKey, new ETag(row.ETag ?? throw new ArgumentException($"Index row {row.RowKey} has no ETag: a leftover is deleted as it was read.", nameof(row))), cancellationToken);

    private async Task DeleteAsync(string partition, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Someone else repaired it first, or wrote it again since it was judged (then it is kept).
        }
    }

    /// <summary>One page of a partition, newest first.</summary>
    public Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> PageAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken) =>
        PageAsync(status is { } s ? TaskIndexRow.PartitionOf(s) : TaskIndexRow.AllPartition, entity => Row(entity, status), limit, continuation, cancellationToken);

    /// <summary>One page of a model's partition, newest first. Tasks stored before model rows were written are not in it.</summary>
    public Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> ModelPageAsync(string model, int limit, string? continuation, CancellationToken cancellationToken) =>
        PageAsync(TaskIndexRow.PartitionOfModel(model), entity => Row(entity, null) with { Model = model }, limit, continuation, cancellationToken);

    private async Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> PageAsync(string partition, Func<TableEntity, TaskIndexRow> row, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), limit, Columns, cancellationToken);
        await foreach (var page in query.AsPages(continuation, limit).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return ([.. page.Values.Select(row)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The rows of one status written before <paramref name="writtenBefore"/>: tasks in that status at least since then.</summary>
    public async IAsyncEnumerable<IReadOnlyList<TaskIndexRow>> WrittenBeforeAsync(VideoTaskStatus status, DateTimeOffset writtenBefore, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TaskIndexRow.PartitionOf(status)} and Timestamp lt {writtenBefore}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, Columns, cancellationToken).AsPages(pageSizeHint: pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return [.. page.Values.Select(entity => Row(entity, status))];
        }
    }

    private Task UpsertAsync(string partition, string rowKey, string taskId, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(partition, rowKey) { [TaskIndexRow.TaskIdProperty] = taskId }, TableUpdateMode.Replace, cancellationToken);

    private static TaskIndexRow Row(TableEntity entity, VideoTaskStatus? status) =>
        new(entity.GetString(TaskIndexRow.TaskIdProperty) ?? string.Empty, status, entity.RowKey, entity.Timestamp ?? DateTimeOffset.MinValue, entity.ETag.ToString());
}
