using Azure;
using Azure.Data.Tables;
using VideoVault.Budgets;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Submit;

/// <summary>
/// The spend a submit counts, issued directly as TableBudgetLedger counts it with no limits set (the dev host's
/// default): the day's total, the model's counter and the task's row in the day's partition.
/// </summary>
internal sealed record SpendRows(string Partition, string TaskKey, string ModelKey, string Model, long MicroUsd)
{
    private const string Total = "total";
    private const string Amount = "MicroUsd";
    private const int MaxConflicts = 200;

    public static SpendRows For(VideoTask draft) =>
        new("budget-spend-" + draft.SpendDay, "task-" + draft.Id, "model-" + Uri.EscapeDataString(draft.Request.Model), draft.Request.Model, SpendUnits.ToMicroUsd(draft.EstimatedUsd ?? 0m));

    /// <summary>
    /// 1. table query: the total, the model's counter and the task's row, with their ETags;
    /// 2. table transaction: the task's row added, each counter replaced If-Match (added when new).
    /// A concurrent submit that changed a counter first (409 or 412) makes it read again after a short random wait, as the ledger does.
    /// </summary>
    public async Task CountAsync(TableClient table)
    {
        for (var conflict = 0; conflict <= MaxConflicts; conflict++)
        {
            var counters = new Dictionary<string, (long Value, ETag? ETag)>(StringComparer.Ordinal) { [Total] = (0, null), [ModelKey] = (0, null) };
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and (RowKey eq {Total} or RowKey eq {ModelKey} or RowKey eq {TaskKey})")))
            {
                counters[row.RowKey] = (row.GetInt64(Amount) ?? 0, row.ETag);
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(Partition, TaskKey) { [Amount] = MicroUsd, ["Model"] = Model }) };
            foreach (var (key, (value, etag)) in counters.Where(counter => counter.Key != TaskKey))
            {
                var entity = new TableEntity(Partition, key) { [Amount] = value + MicroUsd };
                actions.Add(etag is { } match ? new(TableTransactionActionType.UpdateReplace, entity, match) : new(TableTransactionActionType.Add, entity));
            }

            try
            {
                await table.SubmitTransactionAsync(actions);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
            {
                await Task.Delay(Random.Shared.Next(1, 20));
            }
        }

        throw new InvalidOperationException($"The spend of {Partition} kept changing under {MaxConflicts} consecutive submits.");
    }
}
