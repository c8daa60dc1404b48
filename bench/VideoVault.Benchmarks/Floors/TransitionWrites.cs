using Azure;
using Azure.Data.Tables;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// The writes of one status change raising one event, issued directly, in the order TableTaskStore issues
/// them (the row of the new status first, so a task is never without the row of its status, and the old
/// status's row after the task write), with the list's summary rows (the status row and <c>index-all</c>)
/// announced pending before the task write and confirmed after it.
/// </summary>
internal static class TransitionWrites
{
    /// <param name="taskETag">The ETag of the task row the change was decided on.</param>
    /// <returns>The task row's new ETag.</returns>
    public static async Task<ETag> WriteAsync(TableClient table, TransitionRows rows, ETag taskETag)
    {
        // 1. table PUT: upsert of index-<new status>, pending, with the task's summary (TaskIndex.AnnounceAsync).
        // 2. table PUT: upsert of index-all, pending, beside it.
        var announced = await Task.WhenAll(
            table.UpsertEntityAsync(rows.StatusIndexRow, TableUpdateMode.Replace),
            table.UpsertEntityAsync(rows.AllIndexRow, TableUpdateMode.Replace));

        // 3. table transaction: the task row replaced If-Match + the event row added, one entity-group transaction.
        var written = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows.Task, taskETag),
            new TableTransactionAction(TableTransactionActionType.Add, rows.Event),
        ]);

        // 4. table DELETE: index-<old status>, unconditional (TaskIndex.DeleteLeftAsync).
        // 5. and 6. table PUT If-Match: both announced rows confirmed (TaskIndex.ConfirmAsync), beside 4.
        await Task.WhenAll(
            table.DeleteEntityAsync(rows.LeftIndexPartition, rows.IndexRowKey, ETag.All),
            table.UpdateEntityAsync(rows.ConfirmedStatusIndexRow, announced[0].Headers.ETag!.Value, TableUpdateMode.Replace),
            table.UpdateEntityAsync(rows.ConfirmedAllIndexRow, announced[1].Headers.ETag!.Value, TableUpdateMode.Replace));
        return written.Value[0].Headers.ETag ?? throw new InvalidOperationException($"Task {rows.TaskId}: the transaction gave no ETag.");
    }
}
