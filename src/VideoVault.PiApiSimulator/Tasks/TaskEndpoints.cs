using System.Text.Json;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary><c>POST /api/v1/task</c> and <c>GET /api/v1/task/{task_id}</c> in PiAPI's shapes.</summary>
internal sealed partial class TaskEndpoints(
    ApiKeyVerifier apiKeys,
    SubmitGate submitGate,
    SimulatorLedger ledger,
    TaskStore store,
    TaskLifecycle lifecycle,
    TimeProvider timeProvider,
    ILogger<TaskEndpoints> logger)
{
    private const string ApiKeyHeader = "X-API-Key";

    /// <summary>Price per second of video in PiAPI's usage unit (1e-7 USD): $0.08/s and $0.24/s.</summary>
    private static readonly Dictionary<string, long> ConsumePerSecond = new(StringComparer.Ordinal)
    {
        ["sora2-video"] = 800_000,
        ["sora2-pro-video"] = 2_400_000,
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/task", (HttpContext context, TaskEndpoints endpoints) => endpoints.CreateAsync(context));
        routes.MapGet("/api/v1/task/{taskId}", (string taskId, HttpContext context, TaskEndpoints endpoints) => endpoints.Get(taskId, context));
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        if (!apiKeys.IsValid(context.Request.Headers[ApiKeyHeader]))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
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

        if (Validate(request, out var problem) is not { } valid)
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

        var entry = new LedgerEntry(Guid.NewGuid().ToString(), TaskSource.TaskApi, valid.Prompt, faults, timeProvider.GetUtcNow());
        var task = new SimulatedTask(
            entry,
            valid.TaskType,
            valid.ServiceMode,
            valid.Webhook,
            valid.Input,
            new TaskUsage("llm", 0, ConsumePerSecond[valid.TaskType] * (valid.Input.Duration ?? 4)));

        store.Add(task);
        ledger.Add(entry);
        lifecycle.Start(task);
        Log.Created(logger, entry.TaskId, valid.TaskType);
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

    private static ValidCreateRequest? Validate(CreateTaskRequest? request, out string problem)
    {
        problem = request switch
        {
            null => "request body is required",
            { Model: not SimulatedTask.Model } => $"model must be '{SimulatedTask.Model}'",
            { TaskType: var taskType } when taskType is null || !ConsumePerSecond.ContainsKey(taskType) =>
                $"task_type must be one of: {string.Join(", ", ConsumePerSecond.Keys)}",
            { Input: null } or { Input.Prompt: null } => "input.prompt is required",
            { Input.Prompt: var prompt } when string.IsNullOrWhiteSpace(prompt) => "input.prompt is required",
            { Input.Duration: <= 0 } => "input.duration must be positive",
            { Config.WebhookConfig.Endpoint: { Length: > 0 } endpoint } when !IsHttpUrl(endpoint) =>
                "config.webhook_config.endpoint must be an absolute http(s) URL",
            _ => "",
        };

        return problem.Length == 0 && request is { TaskType: { } type, Input: { Prompt: { } text } input }
            ? new ValidCreateRequest(
                type,
                input,
                text,
                request.Config?.ServiceMode ?? "",
                new WebhookConfig(request.Config?.WebhookConfig?.Endpoint ?? "", request.Config?.WebhookConfig?.Secret ?? ""))
            : null;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static IResult Success(PiTask task) =>
        TypedResults.Json(new ApiEnvelope(StatusCodes.Status200OK, task, "success"), SimulatorJsonContext.Wire.ApiEnvelope);

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new ApiEnvelope(status, null, message), SimulatorJsonContext.Wire.ApiEnvelope, statusCode: status);

    private sealed record ValidCreateRequest(string TaskType, TaskInput Input, string Prompt, string ServiceMode, WebhookConfig Webhook);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Created {TaskType} task {TaskId}")]
        public static partial void Created(ILogger logger, string taskId, string taskType);
    }
}
