namespace VideoVault.Budgets;

/// <summary>What a task holds of the budgets once admitted: its slot (null without an open-task limit) and the day its spend is counted on.</summary>
internal sealed record BudgetHold(int? OpenSlot, string SpendDay);
