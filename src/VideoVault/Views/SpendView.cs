namespace VideoVault.Views;

/// <param name="OpenTasks">Counted only with an open-task limit.</param>
internal sealed record SpendView(string Day, decimal TodayUsd, decimal MonthUsd, decimal? DailyLimitUsd, int? OpenTasks, int? MaxOpenTasks);
