using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Budgets;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Every PiAPI task's safety net, scheduled before the task is even stored: sends a submit nobody is
/// driving any more, asks PiAPI where a non-terminal task stands (lost webhooks), resumes its copy,
/// and checks again later until the task is terminal or too old. For chat-completions tasks, which
/// have no webhook and no task to ask about, it fails a stream whose worker died and re-queues one
/// that never started.
/// </summary>
internal sealed partial class TaskReconciler(
    ITaskStore store,
    TaskUpdater updater,
    IPiApiClient piApi,
    TaskProgressRecorder recorder,
    TaskSubmitter submitter,
    ArchiveCoordinator archive,
    TaskBudget budget,
    IWorkQueue workQueue,
    RetryBackoff backoff,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<TaskReconciler> logger)
{
    public async Task ReconcileAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var task = await store.GetAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            // The chain is scheduled before the task is admitted and stored: a submit that died in between left spend counted for nothing.
            await budget.ForgetAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (TaskStatusRules.IsTerminal(task.Status))
        {
            // The write that ended the task gives back what it held; this repeats it in case its host died first.
            await budget.SettleAsync(task, cancellationToken).ConfigureAwait(false);
            return;
        }

        var settings = options.Value;
        if (timeProvider.GetUtcNow() - task.CreatedAt > settings.MaxTaskAge && task.Status != VideoTaskStatus.Archiving)
        {
            await ExpireAsync(task.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        var isChat = ModelNames.IsChatCompletions(task.Request.Model);
        if (isChat && !(task.StreamLeaseUntil > timeProvider.GetUtcNow()))
        {
            // No task API to ask. Only the sweep reconciles a chat task that has not started streaming: nobody has
            // been opening it for that long, so its stream item was lost (the claim makes a second one harmless).
            if (task.Status == VideoTaskStatus.Submitting)
            {
                Log.StreamRequeued(logger, task.Id);
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, task.SubmitAttempts), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return;
            }

            // A stream whose claim lapsed before it completed lost its worker, and cannot be resumed.
            if (task.Status is VideoTaskStatus.Pending or VideoTaskStatus.Processing)
            {
                await InterruptAsync(task.Id, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        else if (!isChat && task.Status == VideoTaskStatus.Submitting && task.PiApiTaskId is null)
        {
            // Its submit's retry or its process may be gone (storage failed, the host stopped); the claim
            // rules keep this from doubling a send that is still under way.
            task = await submitter.SubmitAsync(task.Id, cancellationToken).ConfigureAwait(false) ?? task;
        }
        else if (task.PiApiTaskId is { } piApiTaskId && TaskStatusRules.IsBefore(task.Status, VideoTaskStatus.Completed))
        {
            var result = await piApi.GetTaskAsync(piApiTaskId, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                var delay = result.Failure.IsTransient ? backoff.DelayFor(item.Attempt + 1, result.Failure.RetryAfter) : settings.ReconcileInterval;
                Log.LookupFailed(logger, task.Id, result.Failure.Kind, delay);
                await workQueue.EnqueueAsync(item with { Attempt = item.Attempt + 1 }, delay, cancellationToken).ConfigureAwait(false);
                return;
            }

            task = (await recorder.RecordAsync(task.Id, result.Value, cancellationToken).ConfigureAwait(false)).Task ?? task;
        }

        if (task.Status is VideoTaskStatus.Completed or VideoTaskStatus.Archiving)
        {
            task = await archive.RunAsync(task.Id, null, cancellationToken).ConfigureAwait(false) ?? task;
        }

        if (!TaskStatusRules.IsTerminal(task.Status))
        {
            await workQueue.EnqueueAsync(item with { Attempt = item.Attempt + 1 }, settings.ReconcileDelayFor(item.Attempt + 1), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InterruptAsync(string taskId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var update = await updater.UpdateAsync(taskId, current =>
            current.Status is VideoTaskStatus.Pending or VideoTaskStatus.Processing && !(current.StreamLeaseUntil > now)
                ? current with { Status = VideoTaskStatus.Failed, Error = "The stream was interrupted: its worker stopped before the video link arrived.", StreamLeaseUntil = null }
                : null,
            cancellationToken).ConfigureAwait(false);
        if (update is { Changed: true })
        {
            Log.Interrupted(logger, taskId);
        }
    }

    private async Task ExpireAsync(string taskId, CancellationToken cancellationToken)
    {
        var update = await updater.UpdateAsync(taskId, current =>
            TaskStatusRules.CanMove(current.Status, VideoTaskStatus.Expired)
                ? current with { Status = VideoTaskStatus.Expired, Error = $"Not finished within {options.Value.MaxTaskAge}." }
                : null,
            cancellationToken).ConfigureAwait(false);
        if (update is { Changed: true })
        {
            Log.Expired(logger, taskId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Task {TaskId}: PiAPI lookup failed with {Kind}; checking again in {Delay}")]
        public static partial void LookupFailed(ILogger logger, string taskId, PiApiFailureKind kind, TimeSpan delay);

        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Task {TaskId} expired before finishing")]
        public static partial void Expired(ILogger logger, string taskId);

        [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Task {TaskId} failed: its stream's claim lapsed before the video link arrived")]
        public static partial void Interrupted(ILogger logger, string taskId);

        [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Task {TaskId}: a chat task that never started streaming is queued to stream again")]
        public static partial void StreamRequeued(ILogger logger, string taskId);
    }
}
