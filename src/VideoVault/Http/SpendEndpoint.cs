using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Budgets;
using VideoVault.Views;

namespace VideoVault.Http;

/// <summary><c>GET /api/spend</c>: today's and this month's estimated spend (UTC) and the open tasks, beside their limits, for the console.</summary>
internal sealed class SpendEndpoint(IBudgetLedger ledger, IOptions<BudgetOptions> options, ILogger<SpendEndpoint> logger)
{
    public Task<IResult> GetAsync(CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => GetCoreAsync(cancellationToken), logger, cancellationToken);

    private async Task<JsonHttpResult<SpendView>> GetCoreAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var summary = await ledger.SummaryAsync(cancellationToken).ConfigureAwait(false);
        var view = new SpendView(
            summary.Day,
            summary.TodayUsd,
            summary.MonthUsd,
            settings.DailySpendUsd > 0 ? settings.DailySpendUsd : null,
            summary.OpenTasks,
            settings.MaxOpenTasks > 0 ? settings.MaxOpenTasks : null);
        return TypedResults.Json(view, ViewJsonContext.Default.SpendView);
    }
}
