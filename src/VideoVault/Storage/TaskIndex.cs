using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Writes and reads the index rows of <see cref="TaskIndexRow"/>. Before a task write, the row of the status it
/// moves into and its <c>index-all</c> row are written pending, with the summary of the state about to be stored;
/// after it, both are confirmed (only as they were written: a row someone wrote since stays pending) and the
/// old status's row is deleted. So every stored task always has the row of its status, a confirmed row is the
/// task as last written, and what a crash or a lost race leaves is a pending row or a row too many, which
/// readers judge against the task and repair.
/// </summary>
internal sealed class TaskIndex(TableClient table)
{
    /// <summary>
    /// The rows a task write needs before it: its status row and its <c>index-all</c> row, pending; for a new task
    /// (<paramref name="leaving"/> null) its model row too; and for a task leaving a finished status (a retry), that
    /// row marked pending, since no sweep reads finished statuses to delete it should this write's cleanup never run.
    /// </summary>
    public async Task<TaskIndexWrite> AnnounceAsync(VideoTask task, VideoTaskStatus? leaving, CancellationToken cancellationToken)
    {
        var write = new TaskIndexWrite(TaskIndexRow.PartitionOf(task.Status), TaskIndexRow.RowKeyOf(task), TaskSummary.Of(task), null, null);
        var statusRow = UpsertAsync(TaskIndexEntity.Summarised(write.StatusPartition, write.RowKey, write.Summary, pending: true), cancellationToken);
        var allRow = UpsertAsync(TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, write.RowKey, write.Summary, pending: true), cancellationToken);
        var other = leaving switch
        {
            null => UpsertAsync(TaskIndexEntity.Bare(TaskIndexRow.PartitionOfModel(task.Request.Model), write.RowKey, task.Id), cancellationToken),
            { } finished when TaskStatusRules.IsTerminal(finished) => MarkPendingAsync(TaskIndexRow.PartitionOf(finished), write.RowKey, cancellationToken),
            _ => Task.FromResult<ETag?>(null),
        };
        await Task.WhenAll(statusRow, allRow, other).ConfigureAwait(false);
        return write with { StatusRowETag = await statusRow.ConfigureAwait(false), AllRowETag = await allRow.ConfigureAwait(false) };
    }

    /// <summary>After the task write: both rows confirmed, each only if nobody wrote it since <see cref="AnnounceAsync"/>.</summary>
    public Task ConfirmAsync(TaskIndexWrite write, CancellationToken cancellationToken) => Task.WhenAll(
        ReplaceAsync(TaskIndexEntity.Summarised(write.StatusPartition, write.RowKey, write.Summary, pending: false), write.StatusRowETag, cancellationToken),
        ReplaceAsync(TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, write.RowKey, write.Summary, pending: false), write.AllRowETag, cancellationToken));

    /// <summary>A row a reader found current against its task, confirmed with the task's summary, only as it was read.</summary>
    public Task ConfirmJudgedAsync(TaskIndexRow row, TaskSummary summary, CancellationToken cancellationToken) =>
        ReplaceAsync(TaskIndexEntity.Summarised(row.Partition, row.RowKey, summary, pending: false), AsRead(row), cancellationToken);

    /// <summary>Deletes the row of a status its task has just left; unconditional, since statuses never come back.</summary>
    public Task DeleteLeftAsync(string partition, string rowKey, CancellationToken cancellationToken) =>
        DeleteAsync(partition, rowKey, ETag.All, cancellationToken);

    /// <summary>Deletes a row judged a leftover, only as it was read: a retried create may have written it again since.</summary>
    public Task DeleteJudgedAsync(TaskIndexRow row, CancellationToken cancellationToken) =>
        DeleteAsync(row.Partition, row.RowKey, AsRead(row), cancellationToken);

    /// <summary>One page of a partition, newest first.</summary>
    public Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> PageAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken) =>
        PageAsync(status is { } s ? TaskIndexRow.PartitionOf(s) : TaskIndexRow.AllPartition, entity => TaskIndexEntity.Read(entity, status, null), limit, continuation, cancellationToken);

    /// <summary>One page of a model's partition, newest first. Tasks stored before model rows were written are not in it.</summary>
    public Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> ModelPageAsync(string model, int limit, string? continuation, CancellationToken cancellationToken) =>
        PageAsync(TaskIndexRow.PartitionOfModel(model), entity => TaskIndexEntity.Read(entity, null, model), limit, continuation, cancellationToken);

    /// <summary>
    /// The rows of one status whose task entered it before <paramref name="since"/>: by the summary's time of the
    /// change, or, on a row without one, by when the row was written (a reader's repair writes it again later).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<TaskIndexRow>> InStatusSinceAsync(VideoTaskStatus status, DateTimeOffset since, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TaskIndexRow.PartitionOf(status)} and (StatusChangedAt lt {since} or Timestamp lt {since})");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, TaskIndexEntity.Columns, cancellationToken).AsPages(pageSizeHint: pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return [.. page.Values.Select(entity => TaskIndexEntity.Read(entity, status, null))];
        }
    }

    private async Task<(IReadOnlyList<TaskIndexRow> Rows, string? Continuation)> PageAsync(string partition, Func<TableEntity, TaskIndexRow> row, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), limit, TaskIndexEntity.Columns, cancellationToken);
        await foreach (var page in query.AsPages(continuation, limit).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return ([.. page.Values.Select(row)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    private async Task<ETag?> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        (await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag;

    private async Task<ETag?> MarkPendingAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(partition, rowKey) { [TaskIndexEntity.PendingProperty] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already gone: nothing left to mistrust.
        }

        return null;
    }

    /// <summary>Replaces a row only at <paramref name="etag"/>; a row written or deleted since is left alone.</summary>
    private async Task ReplaceAsync(TableEntity entity, ETag? etag, CancellationToken cancellationToken)
    {
        if (etag is not { } version)
        {
            return;
        }

        try
        {
            await table.UpdateEntityAsync(entity, version, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Someone wrote it since (it stays as they left it) or a later move deleted it.
        }
    }

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

    private static ETag AsRead(TaskIndexRow row) =>
        new(row.ETag ?? throw new ArgumentException($"Index row {row.RowKey} has no ETag: a judged row is changed only as it was read.", nameof(row)));
}

/// <summary>The rows written before a task write, and their versions, which confirming them after it requires.</summary>
internal sealed record TaskIndexWrite(string StatusPartition, string RowKey, TaskSummary Summary, ETag? StatusRowETag, ETag? AllRowETag);
