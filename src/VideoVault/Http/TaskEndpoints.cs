using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Catalog;
using VideoVault.Events;
using VideoVault.Intake;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Views;

namespace VideoVault.Http;

/// <summary>Submit, read, list and retry tasks, and delete their videos. Hosts map one route to each method and nothing else.</summary>
internal sealed class TaskEndpoints(
    ITaskStore store,
    TaskIntake tasks,
    TaskRetry retries,
    VideoDeletion deletions,
    TaskCancellation cancellations,
    TaskViewFactory views,
    ContinuationTokens continuations,
    ModelCatalog catalog,
    IOptions<VideoVaultOptions> options,
    IOptions<EventOptions> eventOptions,
    TimeProvider timeProvider,
    ILogger<TaskEndpoints> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 255;
    private const int MaxDeletionReasonLength = 200;

    public Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => SubmitCoreAsync(request, cancellationToken), logger, cancellationToken);

    public Task<IResult> GetAsync(string id, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => GetCoreAsync(id, cancellationToken), logger, cancellationToken);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ListCoreAsync(request, cancellationToken), logger, cancellationToken);

    public Task<IResult> RetryAsync(string id, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => RetryCoreAsync(id, cancellationToken), logger, cancellationToken);

    public Task<IResult> DeleteVideoAsync(string id, HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => DeleteVideoCoreAsync(id, request, cancellationToken), logger, cancellationToken);
    public Task<IResult> CancelAsync(string id, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => CancelCoreAsync(id, cancellationToken), logger, cancellationToken);

    private async Task<Results<AcceptedWithJson, ValidationProblem, ProblemHttpResult, OverBudgetResult>> SubmitCoreAsync(HttpRequest request, CancellationToken cancellationToken)
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

        var (videoRequest, errors) = SubmitRequestParser.Parse(body, catalog, eventOptions.Value);
        if (videoRequest is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = timeProvider.GetUtcNow();
        if (videoRequest.Deadline is { } deadline && (deadline <= now || deadline > now + settings.MaxTaskAge))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["deadline"] = [$"Must lie ahead, within VideoVault:MaxTaskAge ({settings.MaxTaskAge})."] });
        }

        var intake = await tasks.SubmitAsync(videoRequest, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return intake switch
        {
            { Outcome: IntakeOutcome.KeyReused } => TypedResults.Problem("This Idempotency-Key was already used for a different request.", statusCode: StatusCodes.Status422UnprocessableEntity),
            { Outcome: IntakeOutcome.OverBudget, Refusal: { } refusal } => new OverBudgetResult(refusal),
            _ => await AcceptedAsync(intake.Task, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<Results<JsonHttpResult<TaskView>, ProblemHttpResult>> GetCoreAsync(string id, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return TypedResults.Problem("Not a task id.", statusCode: StatusCodes.Status404NotFound);
        }

        var task = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound);
        }

        // A single read checks the blobs it would link to (a list never does): a video gone through retention reads as deleted.
        task = await deletions.CheckStoredAsync(task, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(await views.CreateAsync(task, withLink: true, cancellationToken).ConfigureAwait(false), ViewJsonContext.Default.TaskView);
    }

    private async Task<Results<JsonHttpResult<TaskListView>, ValidationProblem>> ListCoreAsync(HttpRequest request, CancellationToken cancellationToken)
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

        var model = request.Query["model"].ToString();
        if (model.Length > 0 && status is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = ["Filter by status or by model, not both."] });
        }

        var page = model.Length > 0
            ? await store.ListByModelAsync(model, limit, continuation, cancellationToken).ConfigureAwait(false)
            : await store.ListAsync(status, limit, continuation, cancellationToken).ConfigureAwait(false);
        var items = page.Tasks.Select(TaskListItemView.Of).ToList();
        var unreadable = page.Unreadable.Count == 0 ? null : page.Unreadable.Select(row => new UnreadableTaskView(row.TaskId, row.Reason)).ToList();
        return TypedResults.Json(new TaskListView(items, unreadable, continuations.Write(page.Continuation)), ViewJsonContext.Default.TaskListView);
    }

    private async Task<Results<AcceptedWithJson, ProblemHttpResult>> RetryCoreAsync(string id, CancellationToken cancellationToken)
    {
        var result = TaskIds.IsValid(id) ? await retries.RetryAsync(id, cancellationToken).ConfigureAwait(false) : new RetryResult(RetryOutcome.NoTask, null);
        return result switch
        {
            { Outcome: RetryOutcome.Retried, Task: { } task } => await AcceptedAsync(task, cancellationToken).ConfigureAwait(false),
            { Outcome: RetryOutcome.NotRetryable, Task: { } task } => TypedResults.Problem($"Only archive_failed and submit_failed tasks are retried; this one is {TaskStatusNames.ToName(task.Status)}.", statusCode: StatusCodes.Status409Conflict),
            { Outcome: RetryOutcome.TooOld } => TypedResults.Problem($"The task is older than {options.Value.MaxTaskAge}: submit it again as a new task.", statusCode: StatusCodes.Status409Conflict),
            { Outcome: RetryOutcome.SendOutcomeUnknown } => TypedResults.Problem("The last send's outcome is still unknown (PiAPI may hold the task); retry once it is settled.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private async Task<Results<JsonHttpResult<TaskView>, ValidationProblem, ProblemHttpResult>> DeleteVideoCoreAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Query["reason"].ToString();
        if (reason.Length > MaxDeletionReasonLength || reason.Any(char.IsControl) || VideoDeletionReasons.IsReserved(reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"At most {MaxDeletionReasonLength} characters without control characters, and not '{VideoDeletionReasons.Retention}' or '{VideoDeletionReasons.Missing}', which only VideoVault records."],
            });
        }

        var result = TaskIds.IsValid(id)
            ? await deletions.DeleteAsync(id, reason.Length > 0 ? reason : VideoDeletionReasons.Requested, cancellationToken).ConfigureAwait(false)
            : new VideoDeletionResult(VideoDeletionOutcome.NoTask, null);
        return result switch
        {
            { Outcome: VideoDeletionOutcome.Deleted or VideoDeletionOutcome.AlreadyDeleted, Task: { } task } =>
                TypedResults.Json(await views.CreateAsync(task, withLink: false, cancellationToken).ConfigureAwait(false), ViewJsonContext.Default.TaskView),
            { Outcome: VideoDeletionOutcome.CopyRunning } => TypedResults.Problem("The video is being copied; delete it once the task is archived.", statusCode: StatusCodes.Status409Conflict),
            { Outcome: VideoDeletionOutcome.NotArchived, Task: { } task } => TypedResults.Problem($"Only an archived task has a video to delete; this one is {TaskStatusNames.ToName(task.Status)}.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private async Task<Results<JsonHttpResult<TaskView>, ProblemHttpResult>> CancelCoreAsync(string id, CancellationToken cancellationToken)
    {
        // Not the caller's token, as at submit: a cancel already sent to PiAPI must have its answer recorded.
        var result = TaskIds.IsValid(id)
            ? await cancellations.CancelAsync(id, "Cancelled by the caller", CancellationToken.None).ConfigureAwait(false)
            : new CancelResult(CancelOutcome.NoTask, null);
        return result switch
        {
            { Outcome: CancelOutcome.Cancelled, Task: { } task } => TypedResults.Json(await views.CreateAsync(task, withLink: false, cancellationToken).ConfigureAwait(false), ViewJsonContext.Default.TaskView),
            { Outcome: CancelOutcome.NotCancellable } => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "Not cancellable"),
            { Outcome: CancelOutcome.PiApiUnavailable } => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status502BadGateway, title: "PiAPI unavailable"),
            _ => TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private async Task<AcceptedWithJson> AcceptedAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var view = await views.CreateAsync(task, withLink: true, cancellationToken).ConfigureAwait(false);
        return new AcceptedWithJson(view, $"/{Routes.Prefix}/{Routes.Tasks}/{task.Id}");
    }
}
