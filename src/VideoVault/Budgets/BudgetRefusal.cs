namespace VideoVault.Budgets;

/// <summary>Which limit a submit would have gone over, in the problem body's <c>limit</c> member.</summary>
internal enum BudgetLimit
{
    OpenTasks,
    DailySpend,
    ModelDailySpend,
}

/// <summary>Why a submit was refused, and when trying again can succeed.</summary>
internal sealed record BudgetRefusal(BudgetLimit Limit, string Detail, TimeSpan RetryAfter)
{
    public string LimitName => Limit switch
    {
        BudgetLimit.OpenTasks => "open_tasks",
        BudgetLimit.DailySpend => "daily_spend",
        _ => "model_daily_spend",
    };
}
