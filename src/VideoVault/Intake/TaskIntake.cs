using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Budgets;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Intake;

/// <summary>How a submit ended: a new task, the task an Idempotency-Key already names, or a key reused for another request.</summary>
internal enum IntakeOutcome
{
    Created,
    Repeated,
    KeyReused,

    /// <summary>A budget has no room: nothing was stored or sent, and <see cref="IntakeResult.Refusal"/> says which.</summary>
    OverBudget,
}

/// <param name="Task">The task; for <see cref="IntakeOutcome.OverBudget"/> the one that would have been made, never stored.</param>
internal sealed record IntakeResult(VideoTask Task, IntakeOutcome Outcome, BudgetRefusal? Refusal = null);

/// <summary>
/// Takes a validated request in: stores the task once per Idempotency-Key and sets it going, a task-API
/// task sent to PiAPI at once with its reconcile chain behind it, a chat task handed to the queue's stream
/// item. What HTTP says about the result is the endpoint's business.
/// </summary>
internal sealed partial class TaskIntake(
    ITaskStore store,
    TaskSubmitter submitter,
    IWorkQueue workQueue,
    TaskBudget budget,
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
        // A repeat never reaches the budgets: it neither uses them nor is refused by them.
        var existing = keyed ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (existing is not null)
        {
            return existing.RequestHash != fingerprint
                ? new IntakeResult(existing, IntakeOutcome.KeyReused)
                : new IntakeResult(await ResumeAsync(existing, cancellationToken).ConfigureAwait(false), IntakeOutcome.Repeated);
        }

        var (estimate, isDefault) = budget.Estimate(request);
        var draft = new VideoTask
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
            EstimatedUsd = estimate,
            EstimateIsDefault = isDefault,
            TraceParent = activity?.Id,
        };
        var (task, created, refusal) = await CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            Log.OverBudget(logger, id, refusal.LimitName);
            return new IntakeResult(task, IntakeOutcome.OverBudget, refusal);
        }

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
    /// Admits the task to the budgets, schedules a PiAPI task's reconcile chain, then stores the task. The chain
    /// goes before the insert so that whatever fails after it (storage, PiAPI's answer, this process), something
    /// finds the task and drives it on, or finds it never stored and gives its spend back; a refused submit
    /// queues nothing. A chat task has no PiAPI task to ask about: its stream item and the sweep look after it.
    /// </summary>
    /// <returns>The stored task, or with a refusal the draft, never stored.</returns>
    private async Task<(VideoTask Task, bool Created, BudgetRefusal? Refusal)> CreateAsync(VideoTask draft, CancellationToken cancellationToken)
    {
        var admission = await budget.AdmitAsync(draft.Id, draft.Request, draft.EstimatedUsd ?? 0m, cancellationToken).ConfigureAwait(false);
        if (admission.Hold is not { } hold)
        {
            return (draft, false, admission.Refusal);
        }

        try
        {
            if (!IsChat(draft))
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, draft.Id, 0), options.Value.ReconcileDelay, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            // Nothing is stored or scheduled: what the admission took goes back now, as nothing else would give it back.
            await budget.ReturnAsync(draft.Id, hold, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var (task, created) = await store.CreateAsync(draft with { OpenSlot = hold.OpenSlot, SpendDay = hold.SpendDay }, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            await budget.ReturnUnusedSlotAsync(draft.Id, hold, task, cancellationToken).ConfigureAwait(false);
        }

        if (created && draft.Request.Deadline is { } deadline)
        {
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deadline, task.Id, 0), deadline - timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return (task, created, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Task {TaskId} created ({TaskTypeOrModel})")]
        public static partial void Created(ILogger logger, string taskId, string taskTypeOrModel);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Task {TaskId} requested again with the same Idempotency-Key; returning it")]
        public static partial void IdempotentRepeat(ILogger logger, string taskId);

        [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Task {TaskId} refused: the {Limit} budget has no room; nothing was stored or sent")]
        public static partial void OverBudget(ILogger logger, string taskId, string limit);
    }
}
