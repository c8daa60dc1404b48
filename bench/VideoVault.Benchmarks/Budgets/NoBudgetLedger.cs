using VideoVault.Budgets;

namespace VideoVault.Benchmarks.Budgets;

/// <summary>The baseline: submit as it was before budgets, admitting every task without touching storage.</summary>
internal sealed class NoBudgetLedger : IBudgetLedger
{
    public Task<BudgetAdmission> ReserveAsync(string taskId, string model, decimal estimatedUsd, CancellationToken cancellationToken) =>
        Task.FromResult(new BudgetAdmission(new BudgetHold(null, string.Empty), null));

    public Task ReleaseSlotAsync(string taskId, int slot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RefundAsync(string taskId, string day, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<(int Slot, string TaskId, DateTimeOffset Since)>> SlotsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(int, string, DateTimeOffset)>>([]);

    public Task<SpendSummary> SummaryAsync(CancellationToken cancellationToken) => Task.FromResult(new SpendSummary(string.Empty, 0, 0, null));
}
