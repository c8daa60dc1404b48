using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Tasks;

/// <summary>How a submit ended: a new task, the task an Idempotency-Key already names, or a key reused for another request.</summary>
public enum IntakeOutcome
{
    Created,
    Repeated,
    KeyReused,
}

public sealed record IntakeResult(VideoTask Task, IntakeOutcome Outcome);

/// <summary>
/// Takes a validated request in: stores the task once per Idempotency-Key and sets it going, a task-API
/// task sent to PiAPI at once with its reconcile chain behind it, a chat task handed to the queue's stream
/// item. What HTTP says about the result is the endpoint's business.
/// </summary>
public sealed partial class TaskIntake(
    ITaskStore store,
    TaskSubmitter submitter,
    IWorkQueue workQueue,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<TaskIntake> logger)
{
    /// <param name="idempotencyKey">The caller's key, or empty for none.</param>
    public async Task<IntakeResult> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var fingerprint = RequestFingerprint.Of(request);
        var keyed = idempotencyKey.Length > 0;
        var id = keyed ? TaskIds.FromIdempotencyKey(idempotencyKey) : TaskIds.New(timeProvider);
        using var activity = VideoVaultTelemetry.StartTaskActivity("task submit", id);
        activity?.SetTag(VideoVaultTelemetry.ModelTag, request.Model);

        // A repeat (usually a retry after an error) finds its task without scheduling another reconcile chain.
        var existing = keyed ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var (task, created) = existing is not null
            ? (existing, false)
            : await CreateAsync(
                new VideoTask
                {
                    Id = id,
                    Status = VideoTaskStatus.Submitting,
                    Request = request,
                    RequestHash = fingerprint,
                    HasIdempotencyKey = keyed,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Timeline = [new TaskStatusChange(VideoTaskStatus.Submitting, now)],
                    EventCount = 0,
                    TraceParent = activity?.Id,
                },
                cancellationToken).ConfigureAwait(false);

        if (!created)
        {
            return task.RequestHash != fingerprint
                ? new IntakeResult(task, IntakeOutcome.KeyReused)
                : new IntakeResult(await ResumeAsync(task, cancellationToken).ConfigureAwait(false), IntakeOutcome.Repeated);
        }

        Log.Created(logger, task.Id, request.TaskType.Length > 0 ? request.TaskType : request.Model);
        if (IsChat(task))
        {
            // A chat completion is a stream of minutes: the queue function runs it, not this request.
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return new IntakeResult(task, IntakeOutcome.Created);
        }

        // Not the caller's token: a caller that hangs up must not cut off a send PiAPI may already have
        // received (its answer would be lost and the task sent again). PiApi:Timeout bounds the wait.
        task = await submitter.SubmitAsync(task, CancellationToken.None).ConfigureAwait(false) ?? task;
        return new IntakeResult(task, IntakeOutcome.Created);
    }

    /// <summary>
    /// The first request may have died between the insert and the enqueue; the stream claim makes a second
    /// work item harmless, so a repeat that finds a chat task untouched enqueues it again.
    /// </summary>
    private async Task<VideoTask> ResumeAsync(VideoTask task, CancellationToken cancellationToken)
    {
        Log.IdempotentRepeat(logger, task.Id);
        if (IsChat(task) && task is { Status: VideoTaskStatus.Submitting, SubmitAttempts: 0 })
        {
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return task;
    }

    private static bool IsChat(VideoTask task) => ModelNames.IsChatCompletions(task.Request.Model);

    /// <summary>
    /// Schedules a PiAPI task's reconcile chain, then stores the task. The chain goes first so that
    /// whatever fails after the insert (storage, PiAPI's answer, this process), something finds the task
    /// and drives it on; if the insert fails instead, the chain finds no task and ends. A chat task has
    /// no PiAPI task to ask about: its stream item and the sweep look after it.
    /// </summary>
    private async Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken)
    {
        if (!IsChat(task))
        {
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), options.Value.ReconcileDelay, cancellationToken).ConfigureAwait(false);
        }

        return await store.CreateAsync(task, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Task {TaskId} created ({TaskTypeOrModel})")]
        public static partial void Created(ILogger logger, string taskId, string taskTypeOrModel);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Task {TaskId} requested again with the same Idempotency-Key; returning it")]
        public static partial void IdempotentRepeat(ILogger logger, string taskId);
    }
}
