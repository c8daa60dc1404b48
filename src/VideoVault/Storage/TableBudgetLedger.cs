using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VideoVault.Budgets;

namespace VideoVault.Storage;

/// <summary>
/// The budgets in the task table. Open tasks: partition <c>budget-open</c>, one row per slot (<c>slot-0007</c>) naming
/// its task, taken by an insert, which the service lets only one writer win, so at most the limit can exist. Spend:
/// partition <c>budget-spend-&lt;day&gt;</c> with the day's <c>total</c>, a <c>model-&lt;model&gt;</c> row per model and a
/// <c>task-&lt;id&gt;</c> row per task counted, changed together in one ETag-guarded entity-group transaction: the
/// counters always equal the task rows, so a refund is idempotent (no task row, nothing to give back).
/// </summary>
internal sealed class TableBudgetLedger : IBudgetLedger
{
    private const string OpenPartition = "budget-open";
    private const string SpendPartitionPrefix = "budget-spend-";
    private const string TotalRow = "total";
    private const string MicroUsd = "MicroUsd";
    private const string TaskIdColumn = "TaskId";
    private const int MaxConflicts = 200;

    /// <summary>An open task ends at PiAPI's pace: a guess of when a slot may be free, for Retry-After.</summary>
    private static readonly TimeSpan OpenRetryAfter = TimeSpan.FromSeconds(30);

    private readonly TableClient _table;
    private readonly CreateOnce _created;
    private readonly IOptions<BudgetOptions> _options;
    private readonly TimeProvider _timeProvider;

    public TableBudgetLedger(TableServiceClient service, IOptions<VideoVaultOptions> options, IOptions<BudgetOptions> budgets, TimeProvider timeProvider)
    {
        _table = service.GetTableClient(options.Value.TaskTable);
        _created = new CreateOnce(ct => _table.CreateIfNotExistsAsync(ct));
        _options = budgets;
        _timeProvider = timeProvider;
    }

    public async Task<BudgetAdmission> ReserveAsync(string taskId, string model, decimal estimatedUsd, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var settings = _options.Value;
        int? slot = null;
        if (settings.MaxOpenTasks > 0)
        {
            slot = await TakeSlotAsync(taskId, settings.MaxOpenTasks, cancellationToken).ConfigureAwait(false);
            if (slot is null)
            {
                return new BudgetAdmission(null, new BudgetRefusal(BudgetLimit.OpenTasks, $"{settings.MaxOpenTasks} tasks are open at PiAPI, the most Budgets:MaxOpenTasks allows.", OpenRetryAfter));
            }
        }

        var now = _timeProvider.GetUtcNow();
        var day = SpendUnits.Day(now);
        var refusal = await CountSpendAsync(taskId, model, day, SpendUnits.ToMicroUsd(estimatedUsd), SpendUnits.UntilNextDay(now), cancellationToken).ConfigureAwait(false);
        if (refusal is not null && slot is { } taken)
        {
            await ReleaseSlotAsync(taskId, taken, CancellationToken.None).ConfigureAwait(false);
        }

        return refusal is null ? new BudgetAdmission(new BudgetHold(slot, day), null) : new BudgetAdmission(null, refusal);
    }

    public async Task ReleaseSlotAsync(string taskId, int slot, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(OpenPartition, SlotKey(slot), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row.HasValue && row.Value!.GetString(TaskIdColumn) == taskId)
        {
            await DeleteAsync(OpenPartition, SlotKey(slot), row.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RefundAsync(string taskId, string day, CancellationToken cancellationToken)
    {
        var partition = SpendPartitionPrefix + day;
        for (var conflict = 0; conflict <= MaxConflicts; conflict++)
        {
            var taskRow = await _table.GetEntityIfExistsAsync<TableEntity>(partition, TaskKey(taskId), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!taskRow.HasValue)
            {
                return;
            }

            var counted = taskRow.Value!;
            var model = counted.GetString("Model") ?? string.Empty;
            var micro = counted.GetInt64(MicroUsd) ?? 0;
            var rows = await ReadCountersAsync(partition, model, cancellationToken).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Delete, counted, counted.ETag),
            };
            actions.AddRange(rows.Select(row => Counter(partition, row.Key, row.Value, -micro)));
            if (await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await BackOffAsync(cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"The spend of {day} kept changing under {MaxConflicts} consecutive refunds of task {taskId}.");
    }

    public async Task<IReadOnlyList<(int Slot, string TaskId, DateTimeOffset Since)>> SlotsAsync(CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var slots = new List<(int, string, DateTimeOffset)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OpenPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith("slot-", StringComparison.Ordinal) && int.TryParse(row.RowKey.AsSpan(5), out var slot))
            {
                slots.Add((slot, row.GetString(TaskIdColumn) ?? string.Empty, row.Timestamp ?? DateTimeOffset.MinValue));
            }
        }

        return slots;
    }

    public async Task<SpendSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var today = _timeProvider.GetUtcNow().UtcDateTime.Date;
        var days = Enumerable.Range(0, today.Day).Select(offset => SpendUnits.Day(new DateTimeOffset(today.AddDays(-offset), TimeSpan.Zero))).ToList();
        var totals = await Task.WhenAll(days.Select(day => DayTotalAsync(day, cancellationToken))).ConfigureAwait(false);
        int? open = _options.Value.MaxOpenTasks > 0 ? (await SlotsAsync(cancellationToken).ConfigureAwait(false)).Count : null;
        return new SpendSummary(days[0], SpendUnits.FromMicroUsd(totals[0]), SpendUnits.FromMicroUsd(totals.Sum()), open);
    }

    private async Task<long> DayTotalAsync(string day, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(SpendPartitionPrefix + day, TotalRow, [MicroUsd], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt64(MicroUsd) ?? 0 : 0;
    }

    /// <summary>Tries the free slots in a random order, so concurrent submits rarely collide; a lost insert tries the next.</summary>
    private async Task<int?> TakeSlotAsync(string taskId, int max, CancellationToken cancellationToken)
    {
        for (var round = 0; round <= MaxConflicts; round++)
        {
            var held = await SlotsAsync(cancellationToken).ConfigureAwait(false);
            if (held.FirstOrDefault(row => row.TaskId == taskId) is { TaskId.Length: > 0 } mine)
            {
                return mine.Slot;
            }

            if (held.Count >= max)
            {
                return null;
            }

            var free = Enumerable.Range(0, max).Except(held.Select(row => row.Slot)).ToArray();
            Random.Shared.Shuffle(free);
            foreach (var slot in free)
            {
                try
                {
                    await _table.AddEntityAsync(new TableEntity(OpenPartition, SlotKey(slot)) { [TaskIdColumn] = taskId }, cancellationToken).ConfigureAwait(false);
                    return slot;
                }
                catch (RequestFailedException exception) when (exception.Status == 409)
                {
                    // Taken since the read: the next one.
                }
            }
        }

        throw new InvalidOperationException($"Task {taskId} found no open-task slot settled after {MaxConflicts} rounds.");
    }

    /// <returns>The refusal, or null when the spend is counted.</returns>
    private async Task<BudgetRefusal?> CountSpendAsync(string taskId, string model, string day, long micro, TimeSpan untilTomorrow, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var partition = SpendPartitionPrefix + day;
        for (var conflict = 0; conflict <= MaxConflicts; conflict++)
        {
            var rows = await ReadCountersAsync(partition, model, cancellationToken, TaskKey(taskId)).ConfigureAwait(false);
            if (rows.Remove(TaskKey(taskId), out var counted) && counted.ETag is not null)
            {
                return null;
            }

            var total = rows[TotalRow].Value;
            var modelTotal = rows[ModelKey(model)].Value;
            if (settings.DailySpendUsd > 0 && total + micro > SpendUnits.ToMicroUsd(settings.DailySpendUsd))
            {
                return new BudgetRefusal(BudgetLimit.DailySpend, $"Today's estimated spend is ${SpendUnits.FromMicroUsd(total)}; this task's ${SpendUnits.FromMicroUsd(micro)} would go over Budgets:DailySpendUsd (${settings.DailySpendUsd}).", untilTomorrow);
            }

            if (settings.ModelLimit(model) is > 0 and var limit && modelTotal + micro > SpendUnits.ToMicroUsd(limit))
            {
                return new BudgetRefusal(BudgetLimit.ModelDailySpend, $"Today's estimated spend on {model} is ${SpendUnits.FromMicroUsd(modelTotal)}; this task's ${SpendUnits.FromMicroUsd(micro)} would go over Budgets:ModelDailySpendUsd:{model} (${limit}).", untilTomorrow);
            }

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(partition, TaskKey(taskId)) { [MicroUsd] = micro, ["Model"] = model }),
            };
            actions.AddRange(rows.Select(row => Counter(partition, row.Key, row.Value, micro)));
            if (await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            await BackOffAsync(cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"The spend of {day} kept changing under {MaxConflicts} consecutive submits.");
    }

    /// <summary>
    /// The day's total and the model's row, with their ETags (none for a row not written yet), in one query; with
    /// <paramref name="taskKey"/>, the task's own row too, which says whether it is counted already.
    /// </summary>
    private async Task<Dictionary<string, (long Value, ETag? ETag)>> ReadCountersAsync(string partition, string model, CancellationToken cancellationToken, string? taskKey = null)
    {
        var modelKey = ModelKey(model);
        var rows = new Dictionary<string, (long, ETag?)>(StringComparer.Ordinal) { [TotalRow] = (0, null), [modelKey] = (0, null) };
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {TotalRow} or RowKey eq {modelKey} or RowKey eq {taskKey ?? TotalRow})");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey] = (row.GetInt64(MicroUsd) ?? 0, row.ETag);
        }

        return rows;
    }

    private static TableTransactionAction Counter(string partition, string rowKey, (long Value, ETag? ETag) current, long change)
    {
        var entity = new TableEntity(partition, rowKey) { [MicroUsd] = Math.Max(0, current.Value + change) };
        return current.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    /// <returns>False when another writer changed a row first (412) or added one (409): read again and re-decide.</returns>
    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private async Task DeleteAsync(string partition, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, rowKey, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Released already, or taken by another task since it was read.
        }
    }

    /// <summary>A short random wait, so writers that collided do not collide again at once.</summary>
    private Task BackOffAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20)), _timeProvider, cancellationToken);

    private static string SlotKey(int slot) => $"slot-{slot:D4}";

    private static string TaskKey(string taskId) => "task-" + taskId;

    /// <summary>Row keys cannot hold '/', '\', '#' or '?': escaped, as a model name could in principle carry them.</summary>
    private static string ModelKey(string model) => "model-" + Uri.EscapeDataString(model);
}
