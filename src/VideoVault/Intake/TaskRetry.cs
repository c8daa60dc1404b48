using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Intake;

/// <summary>What an operator's retry did.</summary>
internal enum RetryOutcome
{
    Retried,
    NoTask,

    /// <summary>Only archive_failed and submit_failed tasks are retried: the others are on their way, or PiAPI ended them.</summary>
    NotRetryable,

    /// <summary>Older than MaxTaskAge: the reconcile would expire it at once, and PiAPI's link is long gone.</summary>
    TooOld,

    /// <summary>The last send's outcome is still unknown: PiAPI may hold the task, and sending again could pay twice.</summary>
    SendOutcomeUnknown,
}

internal sealed record RetryResult(RetryOutcome Outcome, VideoTask? Task);

/// <summary>
/// Sets a failed task going again, from its console. A failed copy is retried through PiAPI's GET, since the
/// link it failed on has probably expired (a chat task has no task to ask about and retries its link); a
/// failed submit is sent again with fresh attempts. The retry raises no event of its own: the task's next
/// milestones do, so a caller that had task.failed later gets task.archived.
/// </summary>
internal sealed partial class TaskRetry(
    ITaskEventStore events,
    TaskUpdater updater,
    TaskSubmitter submitter,
    SubmitUncertainty uncertainty,
    IWorkQueue workQueue,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<TaskRetry> logger)
{
    public async Task<RetryResult> RetryAsync(string taskId, CancellationToken cancellationToken)
    {
        // The log's last sequence numbers the task's next event when its row predates EventCount.
        var log = await events.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return new RetryResult(RetryOutcome.NoTask, null);
        }

        var raised = log.Events.Count == 0 ? 0 : log.Events.Max(e => e.Sequence);
        var now = timeProvider.GetUtcNow();
        var update = await updater.UpdateAsync(log.Task, current => Decide(current, raised, now), cancellationToken).ConfigureAwait(false);
        if (update is null)
        {
            return new RetryResult(RetryOutcome.NoTask, null);
        }

        if (!update.Changed)
        {
            return new RetryResult(Refusal(update.Task, now), update.Task);
        }

        var task = update.Task;
        Log.Retried(logger, taskId, TaskStatusNames.ToName(task.Status));
        return new RetryResult(RetryOutcome.Retried, await SetGoingAsync(task, cancellationToken).ConfigureAwait(false));
    }

    private VideoTask? Decide(VideoTask current, int raised, DateTimeOffset now) => Refusal(current, now) != RetryOutcome.Retried
        ? null
        : current.Status == VideoTaskStatus.ArchiveFailed
            ? current with
            {
                Status = current.PiApiTaskId is null ? VideoTaskStatus.Completed : VideoTaskStatus.Processing,
                SourceUrl = current.PiApiTaskId is null ? current.SourceUrl : null,
                ArchiveAttempts = 0,
                Error = null,
                EventCount = current.EventCount ?? raised,
            }
            : current with
            {
                Status = current.PiApiTaskId is null ? VideoTaskStatus.Submitting : VideoTaskStatus.Pending,
                SubmitAttempts = 0,
                SubmitUncertainSince = null,
                Error = null,
                EventCount = current.EventCount ?? raised,
            };

    private RetryOutcome Refusal(VideoTask task, DateTimeOffset now)
    {
        if (task.Status is not (VideoTaskStatus.ArchiveFailed or VideoTaskStatus.SubmitFailed))
        {
            return RetryOutcome.NotRetryable;
        }

        if (now - task.CreatedAt > options.Value.MaxTaskAge)
        {
            return RetryOutcome.TooOld;
        }

        return task is { Status: VideoTaskStatus.SubmitFailed, PiApiTaskId: null } && uncertainty.Holds(task, now)
            ? RetryOutcome.SendOutcomeUnknown
            : RetryOutcome.Retried;
    }

    /// <summary>
    /// Queues what drives the task from its new state. If this fails after the write, the task is open and
    /// unchanged, so the reconcile sweep finds it: nothing is lost.
    /// </summary>
    private async Task<VideoTask> SetGoingAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (task.Status)
        {
            case VideoTaskStatus.Completed:
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Archive, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return task;
            case VideoTaskStatus.Submitting when ModelNames.IsChatCompletions(task.Request.Model):
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return task;
            case VideoTaskStatus.Submitting:
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), settings.ReconcileDelay, cancellationToken).ConfigureAwait(false);

                // As at intake, the send is not cut off by a caller that hangs up; PiApi:Timeout bounds it.
                return await submitter.SubmitAsync(task, CancellationToken.None).ConfigureAwait(false) ?? task;
            default:
                // Processing or pending: PiAPI has the task, and its GET gives the current link.
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return task;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Task {TaskId} retried by an operator; now {Status}")]
        public static partial void Retried(ILogger logger, string taskId, string status);
    }
}
