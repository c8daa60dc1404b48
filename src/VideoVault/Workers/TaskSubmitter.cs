using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Inbound;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Sends a task to PiAPI at most once per claim. Retryable failures go back to the queue with
/// backoff; a send whose outcome is unknown (a timeout, or an answer that was never recorded) waits
/// for the webhook before anyone tries again. The task's reconcile chain re-drives a submit that
/// nobody else is driving any more.
/// </summary>
internal sealed partial class TaskSubmitter(
    TaskUpdater updater,
    IPiApiClient piApi,
    TaskWebhookSecrets secrets,
    TaskProgressRecorder recorder,
    IWorkQueue workQueue,
    RetryBackoff backoff,
    IOptions<VideoVaultOptions> options,
    SubmitUncertainty uncertainty,
    TimeProvider timeProvider,
    VideoVaultMetrics metrics,
    ILogger<TaskSubmitter> logger)
{
    /// <returns>The task as it stands afterwards, or null when it does not exist.</returns>
    public async Task<VideoTask?> SubmitAsync(string taskId, CancellationToken cancellationToken) =>
        await SubmitAsync(await updater.UpdateAsync(taskId, Claim, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A submit work item. When another send's hold keeps it back, the item comes back when the hold is over
    /// rather than ending: the worker holding that send may die with it, and with it the task's reconcile item,
    /// which the queue then hides for its whole processing lease (10 minutes), so this item may be all that
    /// still drives the task.
    /// </summary>
    public async Task<VideoTask?> SubmitAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var claim = await updater.UpdateAsync(item.TaskId, Claim, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (claim is { Changed: false, Task: { Status: VideoTaskStatus.Submitting, PiApiTaskId: null } held } && uncertainty.Holds(held, now))
        {
            var delay = uncertainty.Remaining(held, now);
            Log.HeldBack(logger, item.TaskId, delay);
            await workQueue.EnqueueAsync(item, delay, cancellationToken).ConfigureAwait(false);
            return held;
        }

        return await SubmitAsync(claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits a task the caller has just created, without reading it again.</summary>
    public async Task<VideoTask?> SubmitAsync(VideoTask created, CancellationToken cancellationToken) =>
        await SubmitAsync(await updater.UpdateAsync(created, Claim, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<VideoTask?> SubmitAsync(TaskUpdate? claim, CancellationToken cancellationToken)
    {
        if (claim is not { Changed: true })
        {
            return claim?.Task;
        }

        var task = claim.Task;
        var taskId = task.Id;
        var result = await piApi.CreateTaskAsync(CreateRequest(task), cancellationToken).ConfigureAwait(false);
        metrics.TaskSubmitted(task.Request.Model, result.IsSuccess ? "accepted" : result.Failure.Kind.ToString());
        if (result.IsSuccess)
        {
            Log.Submitted(logger, taskId, result.Value.TaskId, task.SubmitAttempts);
            var recorded = await recorder.RecordAsync(task, result.Value, cancellationToken).ConfigureAwait(false);
            return recorded.Task ?? task;
        }

        return await HandleFailureAsync(task, result.Failure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Only a task still waiting for its PiAPI id is sent. The claim marks the send; until its outcome is
    /// recorded (the PiAPI id, or a clear refusal) nobody sends again for the <see cref="SubmitUncertainty"/> hold, so a
    /// send still under way, or whose webhook is on its way, is never doubled.
    /// </summary>
    private VideoTask? Claim(VideoTask current)
    {
        if (current.Status != VideoTaskStatus.Submitting || current.PiApiTaskId is not null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (uncertainty.Holds(current, now))
        {
            return null;
        }

        return current with { SubmitAttempts = current.SubmitAttempts + 1, SubmitUncertainSince = now };
    }

    private async Task<VideoTask?> HandleFailureAsync(VideoTask task, PiApiFailure failure, CancellationToken cancellationToken)
    {
        var reason = failure.Describe();
        var decision = SendRetryDecision.For(failure, task.SubmitAttempts, options.Value.MaxSubmitAttempts, backoff, ambiguousIsRetryable: true);
        if (decision.GiveUp)
        {
            var error = GiveUpReason(task, failure);
            var failed = await updater.UpdateAsync(task.Id, current =>
                current.Status == VideoTaskStatus.Submitting && current.PiApiTaskId is null
                    ? current with { Status = VideoTaskStatus.SubmitFailed, Error = error }
                    : null,
                cancellationToken).ConfigureAwait(false);
            return failed?.Task;
        }

        // A clear refusal means PiAPI created nothing: the mark is cleared and the retry may go at once.
        // After an ambiguous failure the claim's mark stays, and the retry comes when its hold is over.
        var ambiguous = failure.IsAmbiguousForCreate;
        var delay = ambiguous ? uncertainty.Remaining(task, timeProvider.GetUtcNow()) : decision.Delay;
        Log.SubmitRetry(logger, task.Id, failure.Kind, task.SubmitAttempts, delay);
        var update = await updater.UpdateAsync(task.Id, current =>
            current.Status == VideoTaskStatus.Submitting && current.PiApiTaskId is null
                ? current with { Error = reason, SubmitUncertainSince = ambiguous ? current.SubmitUncertainSince : null }
                : null,
            cancellationToken).ConfigureAwait(false);
        await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Submit, task.Id, task.SubmitAttempts), delay, cancellationToken).ConfigureAwait(false);
        return update?.Task ?? task;
    }

    /// <summary>Says whose problem it is: a model PiAPI dropped, VideoVault's own key, or the request.</summary>
    private string GiveUpReason(VideoTask task, PiApiFailure failure)
    {
        var request = task.Request;
        switch (failure.Kind)
        {
            case PiApiFailureKind.ModelUnavailable:
                Log.ModelUnavailable(logger, task.Id, request.Model, request.TaskType, request.CatalogEntryId, failure.Message);
                return $"PiAPI no longer serves {request.Model} / {request.TaskType} (HTTP {(int?)failure.StatusCode}): {failure.Message}";
            case PiApiFailureKind.Unauthorized:
                Log.SubmitFailed(logger, task.Id, failure.Kind, task.SubmitAttempts);
                return $"PiAPI refused VideoVault's API key ({failure.Describe()}): the model is not at fault; check the PiApi:ApiKey setting.";
            default:
                Log.SubmitFailed(logger, task.Id, failure.Kind, task.SubmitAttempts);
                return $"PiAPI refused the task after {task.SubmitAttempts} attempt(s): {failure.Describe()}";
        }
    }

    private PiApiCreateTaskRequest CreateRequest(VideoTask task)
    {
        var request = task.Request;
        return new PiApiCreateTaskRequest
        {
            Model = request.Model,
            TaskType = request.TaskType,
            Input = JsonElement.Parse(request.InputJson ?? throw new InvalidOperationException($"Task {task.Id} has no input for the task API.")),
            Config = new PiApiTaskConfig
            {
                WebhookConfig = new PiApiWebhookConfig
                {
                    Endpoint = WebhookUrl(task.Id).AbsoluteUri,
                    Secret = secrets.Create(task.Id),
                },
            },
        };
    }

    private Uri WebhookUrl(string taskId) =>
        new UriBuilder(Routes.Absolute(options.Value.PublicBaseUrl!, Routes.PiApiWebhook)) { Query = $"task={Uri.EscapeDataString(taskId)}" }.Uri;

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Task {TaskId} submitted to PiAPI as {PiApiTaskId} (attempt {Attempt})")]
        public static partial void Submitted(ILogger logger, string taskId, string piApiTaskId, int attempt);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Task {TaskId}: PiAPI submit failed with {Kind} (attempt {Attempt}); retrying in {Delay}")]
        public static partial void SubmitRetry(ILogger logger, string taskId, PiApiFailureKind kind, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Task {TaskId}: PiAPI submit failed for good with {Kind} after {Attempt} attempt(s)")]
        public static partial void SubmitFailed(ILogger logger, string taskId, PiApiFailureKind kind, int attempt);

        [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Task {TaskId}: another send holds it; its submit item comes back in {Delay}")]
        public static partial void HeldBack(ILogger logger, string taskId, TimeSpan delay);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Task {TaskId}: PiAPI no longer serves model {Model} / task type {TaskType} (catalog entry {CatalogEntry}): \"{VendorMessage}\"; disable the entry (Models__Entries__N__Enabled=false) until PiAPI serves it again")]
        public static partial void ModelUnavailable(ILogger logger, string taskId, string model, string taskType, string? catalogEntry, string? vendorMessage);
    }
}
