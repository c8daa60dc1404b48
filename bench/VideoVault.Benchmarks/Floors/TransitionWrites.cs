using Azure;
using Azure.Data.Tables;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// The writes of one status change raising one event, issued directly, in the order TableTaskStore issues
/// them (the row of the new status first, so a task is never without the row of its status, and the old
/// status's row after the task write), plus the <c>index-all</c> upsert the task list's change adds.
/// </summary>
internal static class TransitionWrites
{
    /// <param name="taskETag">The ETag of the task row the change was decided on.</param>
    /// <returns>The task row's new ETag.</returns>
    public static async Task<ETag> WriteAsync(TableClient table, TransitionRows rows, ETag taskETag)
    {
        // 1. table PUT: upsert of index-<new status> (TaskIndex.AddAsync).
        // 2. table PUT: upsert of index-all, beside it. Today's handler does not issue this one: the task list's
        //    change (issue 19, deliverable 8) upserts the index-all row on every transition, outside the task's
        //    transaction, so it is counted here already; until that lands, the floor issues one operation more
        //    than the product. Side by side with 1, the cheapest way to issue both.
        await Task.WhenAll(
            table.UpsertEntityAsync(rows.StatusIndexRow, TableUpdateMode.Replace),
            table.UpsertEntityAsync(rows.AllIndexRow, TableUpdateMode.Replace));

        // 3. table transaction: the task row replaced If-Match + the event row added, one entity-group transaction.
        var written = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows.Task, taskETag),
            new TableTransactionAction(TableTransactionActionType.Add, rows.Event),
        ]);

        // 4. table DELETE: index-<old status>, unconditional (TaskIndex.DeleteLeftAsync).
        await table.DeleteEntityAsync(rows.LeftIndexPartition, rows.IndexRowKey, ETag.All);
        return written.Value[0].Headers.ETag ?? throw new InvalidOperationException($"Task {rows.TaskId}: the transaction gave no ETag.");
    }
}
