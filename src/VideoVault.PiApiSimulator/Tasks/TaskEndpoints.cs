using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>
/// <c>POST /api/v1/task</c>, <c>GET /api/v1/task/{task_id}</c> and <c>DELETE /api/v1/task/{task_id}</c> in PiAPI's
/// shapes, for every family of <see cref="FamilyCatalog"/>.
/// </summary>
internal sealed partial class TaskEndpoints(
    ApiKeyVerifier apiKeys,
    SubmitGate submitGate,
    ModelRemovals removals,
    SimulatorLedger ledger,
    TaskStore store,
    TaskLifecycle lifecycle,
    TimeProvider timeProvider,
    ILogger<TaskEndpoints> logger)
{
    private const string ApiKeyHeader = "X-API-Key";

    /// <summary>Largest create body read; PiAPI's inputs are a prompt and a few URLs.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/task", (HttpContext context, TaskEndpoints endpoints) => endpoints.CreateAsync(context));
        routes.MapGet("/api/v1/task/{taskId}", (string taskId, HttpContext context, TaskEndpoints endpoints) => endpoints.Get(taskId, context));
        routes.MapDelete("/api/v1/task/{taskId}", (string taskId, HttpContext context, TaskEndpoints endpoints) => endpoints.Cancel(taskId, context));
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        if (!apiKeys.IsValid(context.Request.Headers[ApiKeyHeader]))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        CreateTaskRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Wire.CreateTaskRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"invalid request body: {ex.Message}");
        }
        catch (BadHttpRequestException ex)
        {
            return Error(ex.StatusCode, $"invalid request body: {ex.Message}");
        }

        if (removals.Refusal(request?.Model, request?.TaskType) is { } removed)
        {
            ledger.RecordRemovedModelRefusal();
            Log.RemovedModel(logger, request?.Model, request?.TaskType);
            return Error(StatusCodes.Status500InternalServerError, removed);
        }

        if (CreateRequestValidator.Validate(request, out var problem) is not { } valid)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        if (!FaultSpec.TryParse(valid.Prompt, out var faults, out var tagError))
        {
            return Error(StatusCodes.Status400BadRequest, tagError);
        }

        switch (submitGate.Admit(valid.Prompt, faults))
        {
            case SubmitVerdict.Unauthorized:
                return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
            case SubmitVerdict.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                return Error(StatusCodes.Status429TooManyRequests, "too many requests, please retry later");
            case SubmitVerdict.ServerError:
                return Error(StatusCodes.Status500InternalServerError, "internal server error");
        }

        var entry = new LedgerEntry(Guid.NewGuid().ToString(), TaskSource.TaskApi, valid.Prompt, faults, timeProvider.GetUtcNow())
        {
            Model = valid.Family.Model,
            TaskType = valid.TaskType,
        };
        var task = new SimulatedTask(entry, valid.Family, valid.TaskType, valid.ServiceMode, valid.Webhook, valid.Input);

        store.Add(task);
        ledger.Add(entry);
        lifecycle.Start(task);
        Log.Created(logger, entry.TaskId, valid.TaskType);
        if (faults.SubmitAnswerDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.SubmitAnswerDelay, timeProvider, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up waiting; the task exists all the same, as it would at PiAPI.
                return TypedResults.Empty;
            }
        }

        return Success(task.Snapshot());
    }

    public IResult Get(string taskId, HttpContext context)
    {
        if (!apiKeys.IsValid(context.Request.Headers[ApiKeyHeader]))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
        }

        return store.Find(taskId) is { } task
            ? Success(task.Snapshot())
            : Error(StatusCodes.Status404NotFound, "task not found");
    }

    /// <summary>PiAPI's cancel: only a <c>pending</c> task of a family whose docs have a Cancel page (Kling, Luma).</summary>
    public IResult Cancel(string taskId, HttpContext context)
    {
        if (!apiKeys.IsValid(context.Request.Headers[ApiKeyHeader]))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
        }

        if (store.Find(taskId) is not { } task)
        {
            return Error(StatusCodes.Status404NotFound, "task not found");
        }

        if (!task.Family.Cancellable)
        {
            return Error(StatusCodes.Status400BadRequest, $"cancel is not supported for model {task.Family.Model}");
        }

        var now = timeProvider.GetUtcNow();
        if (!task.TryCancel(now))
        {
            return Error(StatusCodes.Status400BadRequest, $"task {taskId} cannot be cancelled: only pending tasks can be cancelled");
        }

        ledger.RecordCancel(task.Entry, now);
        Log.Cancelled(logger, taskId);
        return TypedResults.Json(new CancelAnswer(StatusCodes.Status200OK, $"task {taskId} canceled"), SimulatorJsonContext.Wire.CancelAnswer);
    }

    private static IResult Success(PiTask task) =>
        TypedResults.Json(new ApiEnvelope(StatusCodes.Status200OK, task, "success"), SimulatorJsonContext.Wire.ApiEnvelope);

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new ApiEnvelope(status, null, message), SimulatorJsonContext.Wire.ApiEnvelope, statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Created {TaskType} task {TaskId}")]
        public static partial void Created(ILogger logger, string taskId, string taskType);

        [LoggerMessage(Level = LogLevel.Information, Message = "Refused a create for removed {Model} {TaskType}")]
        public static partial void RemovedModel(ILogger logger, string? model, string? taskType);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} cancelled")]
        public static partial void Cancelled(ILogger logger, string taskId);
    }
}
