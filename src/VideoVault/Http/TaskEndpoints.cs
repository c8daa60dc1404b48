using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Http;

/// <summary>Submit, read and list tasks. Hosts map one route to each method and nothing else.</summary>
public sealed partial class TaskEndpoints(
    ITaskStore store,
    TaskSubmitter submitter,
    IWorkQueue workQueue,
    TaskViewFactory views,
    ContinuationTokens continuations,
    IOptions<VideoVaultOptions> options,
    IOptions<EventOptions> eventOptions,
    TimeProvider timeProvider,
    ILogger<TaskEndpoints> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 255;

    public Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => SubmitCoreAsync(request, cancellationToken), logger, cancellationToken);

    public Task<IResult> GetAsync(string id, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => GetCoreAsync(id, cancellationToken), logger, cancellationToken);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ListCoreAsync(request, cancellationToken), logger, cancellationToken);

    private async Task<IResult> SubmitCoreAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!BoundedBody.IsJson(request))
        {
            return TypedResults.Problem("Send the task as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await BoundedBody.ReadAsync(request, settings.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem($"The body is larger than {settings.MaxRequestBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < ' ' or > '~'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = [$"At most {MaxIdempotencyKeyLength} printable ASCII characters."],
            });
        }

        var (videoRequest, errors) = SubmitRequestParser.Parse(body, settings, eventOptions.Value);
        if (videoRequest is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = timeProvider.GetUtcNow();
        var fingerprint = RequestFingerprint.Of(videoRequest);
        var id = idempotencyKey.Length > 0 ? TaskIds.FromIdempotencyKey(idempotencyKey) : TaskIds.New(timeProvider);

        // A repeat (usually a retry after an error) finds its task without scheduling another reconcile chain.
        var existing = idempotencyKey.Length > 0 ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var (task, created) = existing is not null
            ? (existing, false)
            : await CreateAsync(
                new VideoTask
                {
                    Id = id,
                    Status = VideoTaskStatus.Submitting,
                    Request = videoRequest,
                    RequestHash = fingerprint,
                    HasIdempotencyKey = idempotencyKey.Length > 0,
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                cancellationToken).ConfigureAwait(false);

        if (!created)
        {
            if (task.RequestHash != fingerprint)
            {
                return TypedResults.Problem(
                    "This Idempotency-Key was already used for a different request.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            Log.IdempotentRepeat(logger, task.Id);

            // The first request may have died between the insert and the enqueue; the stream claim makes a
            // second work item harmless, so a repeat that finds the task untouched enqueues it again.
            if (IsChat(task) && task is { Status: VideoTaskStatus.Submitting, SubmitAttempts: 0 })
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            return await AcceptedAsync(task, cancellationToken).ConfigureAwait(false);
        }

        Log.Created(logger, task.Id, videoRequest.TaskType.Length > 0 ? videoRequest.TaskType : videoRequest.Model);
        if (IsChat(task))
        {
            // A chat completion is a stream of minutes: the queue function runs it, not this request.
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Not the caller's token: a caller that hangs up must not cut off a send PiAPI may already have
            // received (its answer would be lost and the task sent again). PiApi:Timeout bounds the wait.
            task = await submitter.SubmitAsync(task, CancellationToken.None).ConfigureAwait(false) ?? task;
        }

        return await AcceptedAsync(task, cancellationToken).ConfigureAwait(false);
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

    private async Task<IResult> GetCoreAsync(string id, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return TypedResults.Problem("Not a task id.", statusCode: StatusCodes.Status404NotFound);
        }

        var task = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return task is null
            ? TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json(await views.CreateAsync(task, withLink: true, cancellationToken).ConfigureAwait(false), HttpJsonContext.Default.TaskView);
    }

    private async Task<IResult> ListCoreAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = settings.MaxListPageSize;
        if (request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, out limit) || limit < 1 || limit > settings.MaxListPageSize))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"A whole number from 1 to {settings.MaxListPageSize}."] });
        }

        var continuation = continuations.Read(request.Query["continuation"].ToString(), out var valid);
        if (!valid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["continuation"] = ["Not a continuation token from this API."] });
        }

        VideoTaskStatus? status = null;
        if (request.Query.TryGetValue("status", out var statusText))
        {
            if (!TaskStatusNames.TryParse(statusText.ToString(), out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"One of {string.Join(", ", Enum.GetValues<VideoTaskStatus>().Select(TaskStatusNames.ToName))}."],
                });
            }

            status = parsed;
        }

        var page = await store.ListAsync(status, limit, continuation, cancellationToken).ConfigureAwait(false);
        var items = new List<TaskView>(page.Tasks.Count);
        foreach (var task in page.Tasks)
        {
            items.Add(await views.CreateAsync(task, withLink: false, cancellationToken).ConfigureAwait(false));
        }

        var unreadable = page.Unreadable.Count == 0 ? null : page.Unreadable.Select(row => new UnreadableTaskView(row.TaskId, row.Reason)).ToList();
        return TypedResults.Json(new TaskListView(items, unreadable, continuations.Write(page.Continuation)), HttpJsonContext.Default.TaskListView);
    }

    private async Task<IResult> AcceptedAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var view = await views.CreateAsync(task, withLink: true, cancellationToken).ConfigureAwait(false);
        return new AcceptedWithJson(view, $"/{Routes.Prefix}/{Routes.Tasks}/{task.Id}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Task {TaskId} created ({TaskTypeOrModel})")]
        public static partial void Created(ILogger logger, string taskId, string taskTypeOrModel);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Task {TaskId} requested again with the same Idempotency-Key; returning it")]
        public static partial void IdempotentRepeat(ILogger logger, string taskId);
    }
}
