using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Catalog;
using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Operations;

/// <summary>What a cancel did.</summary>
internal enum CancelOutcome
{
    /// <summary>The task is cancelled (by this call, or before it: a repeat answers the same).</summary>
    Cancelled,
    NoTask,

    /// <summary>Too late, or not possible: <see cref="CancelResult.Reason"/> says why.</summary>
    NotCancellable,

    /// <summary>PiAPI could not be asked (down, timed out); the task is unchanged and a repeat may succeed.</summary>
    PiApiUnavailable,
}

internal sealed record CancelResult(CancelOutcome Outcome, VideoTask? Task, string? Reason = null);

/// <summary>
/// Cancels a task, from a caller or its deadline. A task PiAPI has not accepted is cancelled here, in one
/// ETag-guarded write that the submitter's claim also needs, so it is either sent or cancelled, never both. A
/// send already under way is waited for, since throwing its answer away could throw away a paid video: once
/// PiAPI's answer is recorded, the task is cancelled there if it can be. A <c>pending</c> task is cancelled at
/// PiAPI (<c>DELETE</c>) where the catalog says its model supports it; PiAPI cannot stop a task it is working on.
/// </summary>
internal sealed partial class TaskCancellation(
    ITaskStore store,
    TaskUpdater updater,
    SubmitUncertainty uncertainty,
    IPiApiClient piApi,
    ModelCatalog catalog,
    IOptions<PiApiOptions> piApiOptions,
    TimeProvider timeProvider,
    ILogger<TaskCancellation> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Beyond PiApi:Timeout, how long to wait for a send's answer to be recorded.</summary>
    private static readonly TimeSpan RecordAllowance = TimeSpan.FromSeconds(2);

    /// <param name="why">Starts the task's error text: "Cancelled by the caller", "Cancelled at its deadline".</param>
    public async Task<CancelResult> CancelAsync(string taskId, string why, CancellationToken cancellationToken)
    {
        var waitUntil = timeProvider.GetUtcNow() + piApiOptions.Value.Timeout + RecordAllowance;
        while (true)
        {
            var task = await store.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            switch (task)
            {
                case null:
                    return new CancelResult(CancelOutcome.NoTask, null);
                case { Status: VideoTaskStatus.Cancelled }:
                    return new CancelResult(CancelOutcome.Cancelled, task);
                case { Status: var status } when TaskStatusRules.IsTerminal(status):
                    return new CancelResult(CancelOutcome.NotCancellable, task, $"The task is already {TaskStatusNames.ToName(status)}.");
                case { Status: VideoTaskStatus.Submitting, PiApiTaskId: null } when SendInFlight(task, now):
                    if (now >= waitUntil)
                    {
                        return new CancelResult(CancelOutcome.NotCancellable, task, "A send to PiAPI is under way and its outcome is still unknown (PiAPI may hold the task); try again once it is settled.");
                    }

                    await Task.Delay(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                case { Status: VideoTaskStatus.Submitting, PiApiTaskId: null }:
                    var update = await updater.UpdateAsync(task, current => current is { Status: VideoTaskStatus.Submitting, PiApiTaskId: null } && !SendInFlight(current, timeProvider.GetUtcNow())
                        ? current with { Status = VideoTaskStatus.Cancelled, Error = $"{why} before it was sent to PiAPI.", SubmitUncertainSince = null }
                        : null,
                        cancellationToken).ConfigureAwait(false);
                    if (update is { Changed: true })
                    {
                        Log.CancelledHere(logger, taskId);
                        return new CancelResult(CancelOutcome.Cancelled, update.Task);
                    }

                    continue;
                case { Status: VideoTaskStatus.Pending, PiApiTaskId: { } piApiTaskId } when !ModelNames.IsChatCompletions(task.Request.Model):
                    return await CancelAtPiApiAsync(task, piApiTaskId, why, cancellationToken).ConfigureAwait(false);
                default:
                    return new CancelResult(CancelOutcome.NotCancellable, task, Refusal(task));
            }
        }
    }

    private async Task<CancelResult> CancelAtPiApiAsync(VideoTask task, string piApiTaskId, string why, CancellationToken cancellationToken)
    {
        if (catalog.Find(task.Request.CatalogEntryId) is not { CanCancel: true })
        {
            return new CancelResult(CancelOutcome.NotCancellable, task, $"PiAPI cannot cancel {task.Request.Model} tasks (its cancel covers Kling and Luma); the task goes on.");
        }

        var result = await piApi.CancelTaskAsync(piApiTaskId, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            var failure = result.Failure;
            return failure.IsTransient || failure.Kind is PiApiFailureKind.Timeout or PiApiFailureKind.ConnectionFailed or PiApiFailureKind.InvalidResponse
                ? new CancelResult(CancelOutcome.PiApiUnavailable, task, $"PiAPI could not be asked to cancel: {failure.Describe()}.")
                : new CancelResult(CancelOutcome.NotCancellable, await store.GetAsync(task.Id, cancellationToken).ConfigureAwait(false) ?? task, $"PiAPI refused the cancel ({failure.Message ?? failure.Describe()}): it cannot stop a task once it is processing.");
        }

        // PiAPI cancelled it, so a processing report that raced the DELETE is stale; a video already reported is kept.
        var update = await updater.UpdateAsync(task.Id, current => TaskStatusRules.CanMove(current.Status, VideoTaskStatus.Cancelled)
            ? current with { Status = VideoTaskStatus.Cancelled, Error = $"{why} at PiAPI while it was pending." }
            : null,
            cancellationToken).ConfigureAwait(false);
        if (update?.Task is not { Status: VideoTaskStatus.Cancelled } cancelled)
        {
            return new CancelResult(CancelOutcome.NotCancellable, update?.Task, "PiAPI had finished the task first; its video is kept.");
        }

        Log.CancelledAtPiApi(logger, task.Id, piApiTaskId);
        return new CancelResult(CancelOutcome.Cancelled, cancelled);
    }

    /// <summary>A send whose answer is not recorded yet, or a chat stream being opened.</summary>
    private bool SendInFlight(VideoTask task, DateTimeOffset now) =>
        uncertainty.Holds(task, now) || task.StreamLeaseUntil > now;

    private static string Refusal(VideoTask task) => task.Status switch
    {
        VideoTaskStatus.Processing => "PiAPI is working on the task, and it cannot stop a task once it is processing; the task goes on.",
        VideoTaskStatus.Pending => "A chat-completions stream cannot be cancelled once it has started.",
        _ => $"The task is {TaskStatusNames.ToName(task.Status)}: its video is made and being kept.",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Task {TaskId} cancelled before it was sent to PiAPI")]
        public static partial void CancelledHere(ILogger logger, string taskId);

        [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Task {TaskId} cancelled at PiAPI ({PiApiTaskId}) while pending")]
        public static partial void CancelledAtPiApi(ILogger logger, string taskId, string piApiTaskId);
    }
}
