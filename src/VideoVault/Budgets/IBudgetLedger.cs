namespace VideoVault.Budgets;

/// <summary>
/// The budgets' shared counters. Every change is ETag-guarded in storage, so hosts sharing the storage account
/// admit exactly as many tasks as the limits leave room for, however many submit at once.
/// </summary>
internal interface IBudgetLedger
{
    /// <summary>
    /// Takes an open-task slot (with that limit) and counts <paramref name="estimatedUsd"/> on today's spend, or
    /// neither. A task that already holds them (a repeat of a submit whose task was never stored) gets them again.
    /// </summary>
    Task<BudgetAdmission> ReserveAsync(string taskId, string model, decimal estimatedUsd, CancellationToken cancellationToken);

    /// <summary>Gives a slot back once its task is no longer open; a slot another task holds by now is left alone.</summary>
    Task ReleaseSlotAsync(string taskId, int slot, CancellationToken cancellationToken);

    /// <summary>Takes a task's estimate off its day's spend; idempotent, so a repeat or a crash-recovery call cannot take it twice.</summary>
    Task RefundAsync(string taskId, string day, CancellationToken cancellationToken);

    /// <summary>The slots held, as (slot, task id), for the sweep that frees those of tasks no longer open.</summary>
    Task<IReadOnlyList<(int Slot, string TaskId, DateTimeOffset Since)>> SlotsAsync(CancellationToken cancellationToken);

    /// <summary>Estimated spend today and this month (UTC), and the open tasks counted against the limit.</summary>
    Task<SpendSummary> SummaryAsync(CancellationToken cancellationToken);
}

/// <summary>Admitted with <see cref="Hold"/>, or refused with <see cref="Refusal"/>.</summary>
internal sealed record BudgetAdmission(BudgetHold? Hold, BudgetRefusal? Refusal);

internal sealed record SpendSummary(string Day, decimal TodayUsd, decimal MonthUsd, int? OpenTasks);
