using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Catalog;
using VideoVault.Tasks;

namespace VideoVault.Budgets;

/// <summary>
/// What a task costs and holds of the budgets: its estimate at submit, its admission, and giving back what it
/// holds when it ends (the slot once it is no longer open, the spend when PiAPI never took it or it was cancelled).
/// Giving back is idempotent, so the write that ends a task, its reconcile chain and the sweep may all try.
/// </summary>
internal sealed partial class TaskBudget(IBudgetLedger ledger, ModelCatalog catalog, IOptions<BudgetOptions> options, TimeProvider timeProvider, ILogger<TaskBudget> logger)
{
    /// <returns>The estimate in US dollars, and whether it is the configured default for a model without a known price.</returns>
    public (decimal Usd, bool IsDefault) Estimate(VideoRequest request)
    {
        var entry = catalog.Find(request.CatalogEntryId);
        var estimate = entry is not null && request.InputJson is { } input ? PriceEstimator.Estimate(entry, JsonElement.Parse(input)) : null;
        return estimate is { } usd ? (usd, false) : (options.Value.UnknownPriceUsd, true);
    }

    public Task<BudgetAdmission> AdmitAsync(string taskId, VideoRequest request, decimal estimatedUsd, CancellationToken cancellationToken) =>
        ledger.ReserveAsync(taskId, SpendModel(request), estimatedUsd, cancellationToken);

    /// <summary>A submit that lost the race to store its task: the stored one holds the spend (counted once per task id); only a second slot goes back.</summary>
    public async Task ReturnUnusedSlotAsync(string taskId, BudgetHold hold, VideoTask stored, CancellationToken cancellationToken)
    {
        if (hold.OpenSlot is { } slot && stored.OpenSlot != slot)
        {
            await ledger.ReleaseSlotAsync(taskId, slot, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back everything an admission took, for a task that will not be stored.</summary>
    public async Task ReturnAsync(string taskId, BudgetHold hold, CancellationToken cancellationToken)
    {
        if (hold.OpenSlot is { } slot)
        {
            await ledger.ReleaseSlotAsync(taskId, slot, cancellationToken).ConfigureAwait(false);
        }

        await ledger.RefundAsync(taskId, hold.SpendDay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a write that moved the task: gives back what its new status no longer needs. Never fails the write.</summary>
    public async Task AfterMoveAsync(VideoTask before, VideoTask written, CancellationToken cancellationToken)
    {
        if (before.Status != written.Status && !TaskStatusRules.IsOpen(written.Status))
        {
            await SettleAsync(written, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back what a task that is no longer open still holds; safe to repeat.</summary>
    public async Task SettleAsync(VideoTask task, CancellationToken cancellationToken)
    {
        if (TaskStatusRules.IsOpen(task.Status))
        {
            return;
        }

        try
        {
            if (task.OpenSlot is { } slot)
            {
                await ledger.ReleaseSlotAsync(task.Id, slot, cancellationToken).ConfigureAwait(false);
            }

            if (task.SpendDay is { } day && IsRefunded(task))
            {
                await ledger.RefundAsync(task.Id, day, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException exception)
        {
            // The task's reconcile chain and the budget sweep try again; until then the budget errs on the safe side.
            Log.NotSettled(logger, task.Id, exception.Status);
        }
    }

    /// <summary>A task whose reconcile chain found it never stored (its submit died after the admission): its spend goes back.</summary>
    public async Task ForgetAsync(string taskId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var day in new[] { SpendUnits.Day(now), SpendUnits.Day(now.AddDays(-1)) })
        {
            await ledger.RefundAsync(taskId, day, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Nothing was paid: PiAPI never took the task, or it was cancelled before PiAPI worked on it (PiAPI charges a cancelled task nothing).</summary>
    private static bool IsRefunded(VideoTask task) =>
        task.Status == VideoTaskStatus.Cancelled || (task.Status == VideoTaskStatus.SubmitFailed && task.PiApiTaskId is null);

    /// <summary>The model a spend limit names: PiAPI's <c>model</c>, or the chat-completions model.</summary>
    public static string SpendModel(VideoRequest request) => request.Model;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Task {TaskId}: what it held of the budgets could not be given back yet (storage answered {Status}); its reconcile chain tries again, and the budget sweep frees a slot")]
        public static partial void NotSettled(ILogger logger, string taskId, int status);
    }
}
