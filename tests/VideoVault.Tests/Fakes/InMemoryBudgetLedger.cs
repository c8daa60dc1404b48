using VideoVault.Budgets;

namespace VideoVault.Tests.Fakes;

/// <summary>Budgets without limits for the core's unit tests: admits every task and records what is given back.</summary>
internal sealed class InMemoryBudgetLedger : IBudgetLedger
{
    public List<string> Refunded { get; } = [];

    public List<int> Released { get; } = [];

    public Task<BudgetAdmission> ReserveAsync(string taskId, string model, decimal estimatedUsd, CancellationToken cancellationToken) =>
        Task.FromResult(new BudgetAdmission(new BudgetHold(null, "2026-01-05"), null));

    public Task ReleaseSlotAsync(string taskId, int slot, CancellationToken cancellationToken)
    {
        Released.Add(slot);
        return Task.CompletedTask;
    }

    public Task RefundAsync(string taskId, string day, CancellationToken cancellationToken)
    {
        Refunded.Add(taskId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(int Slot, string TaskId, DateTimeOffset Since)>> SlotsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(int, string, DateTimeOffset)>>([]);

    public Task<SpendSummary> SummaryAsync(CancellationToken cancellationToken) => Task.FromResult(new SpendSummary("2026-01-05", 0, 0, null));
}
