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

        if (Validate(request) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var input = request!.Input!;
        var prompt = input.Prompt!;
        if (!FaultSpec.TryParse(prompt, out var faults, out var tagError))
        {
            return Error(StatusCodes.Status400BadRequest, tagError!);
        }

        if (faults.Unauthorized)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid or missing X-API-Key");
        }

        switch (submitGate.Admit(prompt, faults))
        {
            case SubmitVerdict.TooManyRequests:
                ledger.RecordRefusal();
                context.Response.Headers.RetryAfter = "1";
                return Error(StatusCodes.Status429TooManyRequests, "too many requests, please retry later");
            case SubmitVerdict.ServerError:
                ledger.RecordRefusal();
                return Error(StatusCodes.Status500InternalServerError, "internal server error");
        }

        var entry = new LedgerEntry(Guid.NewGuid().ToString(), TaskSource.TaskApi, prompt, faults, timeProvider.GetUtcNow());
        var webhook = request.Config?.WebhookConfig;
        var task = new SimulatedTask(
            entry,
            request.TaskType!,
            request.Config?.ServiceMode ?? "",
            new WebhookConfig(webhook?.Endpoint ?? "", webhook?.Secret ?? ""),
            input,
            new TaskUsage("llm", 0, ConsumePerSecond[request.TaskType!] * (input.Duration ?? 4)));

        store.Add(task);
        ledger.Add(entry);
        lifecycle.Start(task);
        Log.Created(logger, entry.TaskId, request.TaskType!);
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

    private static string? Validate(CreateTaskRequest? request)
    {
        if (request is null)
        {
            return "request body is required";
        }

        if (request.Model != SimulatedTask.Model)
        {
            return $"model must be '{SimulatedTask.Model}'";
        }

        if (request.TaskType is null || !ConsumePerSecond.ContainsKey(request.TaskType))
        {
            return $"task_type must be one of: {string.Join(", ", ConsumePerSecond.Keys)}";
        }

        if (string.IsNullOrWhiteSpace(request.Input?.Prompt))
        {
            return "input.prompt is required";
        }

        if (request.Input.Duration is <= 0)
        {
            return "input.duration must be positive";
        }

        var endpoint = request.Config?.WebhookConfig?.Endpoint;
        if (!string.IsNullOrEmpty(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            return "config.webhook_config.endpoint must be an absolute http(s) URL";
        }

        return null;
    }

    private static IResult Success(PiTask task) =>
        TypedResults.Json(new ApiEnvelope(StatusCodes.Status200OK, task, "success"), SimulatorJsonContext.Wire.ApiEnvelope);

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new ApiEnvelope(status, null, message), SimulatorJsonContext.Wire.ApiEnvelope, statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Created {TaskType} task {TaskId}")]
        public static partial void Created(ILogger logger, string taskId, string taskType);
    }
}
