using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Chat;

/// <summary>
/// <c>POST /v1/chat/completions</c> for the Sora 2 preview models: an SSE stream of <c>chat.completion.chunk</c>
/// events ending with <c>data: [DONE]</c>, one chunk per <see cref="SimulatorOptions.StepDelay"/>.
/// </summary>
internal sealed partial class ChatCompletionsEndpoint(
    ApiKeyVerifier apiKeys,
    SubmitGate submitGate,
    SimulatorLedger ledger,
    SimulatorAddress address,
    StalledConnection stall,
    IOptions<SimulatorOptions> options,
    TimeProvider timeProvider,
    ILogger<ChatCompletionsEndpoint> logger)
{
    private const string ChunkObject = "chat.completion.chunk";

    /// <summary>Requested model → the model name the stream reports.</summary>
    private static readonly Dictionary<string, string> Models = new(StringComparer.Ordinal)
    {
        ["sora-2-preview"] = "sora-2",
        ["sora-2-hd-preview"] = "sora-2-hd",
    };

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/chat/completions", (HttpContext context, ChatCompletionsEndpoint endpoint) => endpoint.HandleAsync(context));

    public async Task HandleAsync(HttpContext context)
    {
        if (!IsAuthorized(context.Request))
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Invalid or missing API key.");
            return;
        }

        ChatRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Wire.ChatRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", $"Invalid request body: {ex.Message}");
            return;
        }

        if (Validate(request, out var prompt, out var reportedModel) is { } problem)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", problem);
            return;
        }

        if (!FaultSpec.TryParse(prompt, out var faults, out var tagError))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", tagError);
            return;
        }

        switch (submitGate.Admit(prompt, faults))
        {
            case SubmitVerdict.Unauthorized:
                await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Invalid or missing API key.");
                return;
            case SubmitVerdict.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await ErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "Too many requests, please retry later.");
                return;
            case SubmitVerdict.ServerError:
                await ErrorAsync(context, StatusCodes.Status500InternalServerError, "server_error", "Internal server error.");
                return;
        }

        var now = timeProvider.GetUtcNow();
        var entry = new LedgerEntry(ChatIds.NewTaskId(now), TaskSource.ChatCompletions, prompt, faults, now);
        ledger.Add(entry);
        Log.Started(logger, entry.TaskId, reportedModel);
        await StreamAsync(context, entry, reportedModel, now.ToUnixTimeSeconds());
    }

    private async Task StreamAsync(HttpContext context, LedgerEntry entry, string model, long created)
    {
        var faults = entry.Faults;
        var script = ChatScript.Build(entry.Prompt, entry.TaskId, faults, address);
        var id = ChatIds.NewCompletionId();
        var step = options.Value.StepDelay;
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        ChatChunk Chunk(ChatDelta delta, string? finishReason = null) => new(id, ChunkObject, model, created, [new ChatChoice(0, delta, finishReason)]);

        await WriteEventAsync(response, Chunk(new ChatDelta("assistant", "")), SimulatorJsonContext.Wire.ChatChunk, cancellationToken);
        foreach (var piece in script.Opening.Concat(script.Progress))
        {
            await Task.Delay(step, timeProvider, cancellationToken);
            await WriteEventAsync(response, Chunk(piece is null ? ChatDelta.Empty : new ChatDelta(null, piece)), SimulatorJsonContext.Wire.ChatChunk, cancellationToken);
        }

        if (faults.CutStream)
        {
            // Drop the connection when the next chunk would have come, so the chunks already written reach the client.
            await Task.Delay(step, timeProvider, cancellationToken);
            Log.Cut(logger, entry.TaskId);
            context.Abort();
            return;
        }

        if (faults.Stall)
        {
            Log.Stalled(logger, entry.TaskId);
            await stall.HoldAsync(cancellationToken);
            context.Abort();
            return;
        }

        await Task.Delay(step + faults.CompletionDelay, timeProvider, cancellationToken);
        await WriteEventAsync(response, Chunk(new ChatDelta(null, script.Ending)), SimulatorJsonContext.Wire.ChatChunk, cancellationToken);
        await Task.Delay(step, timeProvider, cancellationToken);
        await WriteEventAsync(response, Chunk(ChatDelta.Empty, script.FinishReason), SimulatorJsonContext.Wire.ChatChunk, cancellationToken);

        var promptTokens = Math.Max(1, entry.Prompt.Length / 4);
        var completionTokens = Math.Max(1, (script.Opening.Concat(script.Progress).Sum(piece => piece?.Length ?? 0) + script.Ending.Length) / 4);
        var usage = new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens, EmptyDetails.Instance, EmptyDetails.Instance, 0, 0, null);
        await WriteEventAsync(
            response,
            new ChatUsageChunk(id, ChunkObject, timeProvider.GetUtcNow().ToUnixTimeSeconds(), model, [new ChatUsageChoice(0, ChatDelta.Empty)], usage),
            SimulatorJsonContext.Wire.ChatUsageChunk,
            cancellationToken);

        await response.Body.WriteAsync(Done, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        Log.Finished(logger, entry.TaskId, script.FinishReason);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        // The vendor documents Bearer auth but its own curl sample sends X-API-Key; both are accepted.
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        return apiKeys.IsValid(bearer) || apiKeys.IsValid(request.Headers["X-API-Key"]);
    }

    private static string? Validate(ChatRequest? request, out string prompt, out string reportedModel)
    {
        prompt = "";
        reportedModel = "";
        if (request is null)
        {
            return "request body is required";
        }

        reportedModel = request.Model is { } model ? Models.GetValueOrDefault(model, "") : "";
        if (reportedModel.Length == 0)
        {
            return $"model must be one of: {string.Join(", ", Models.Keys)}";
        }

        if (request.Stream is not true)
        {
            return "the simulator only serves stream: true";
        }

        var lastUser = request.Messages?.LastOrDefault(message => message.Role == "user");
        prompt = lastUser?.Content is { } content ? TextOf(content) : "";
        return string.IsNullOrWhiteSpace(prompt) ? "messages must end with a user message that has text content" : null;
    }

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };

    private static async Task WriteEventAsync<T>(HttpResponse response, T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken);
        await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo), cancellationToken);
        await body.WriteAsync(EventEnd, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        TypedResults.Json(
            new ChatErrorResponse(new ChatError(message, status >= 500 ? "server_error" : "invalid_request_error", code)),
            SimulatorJsonContext.Wire.ChatErrorResponse,
            statusCode: status).ExecuteAsync(context);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Chat completion {TaskId} started ({Model})")]
        public static partial void Started(ILogger logger, string taskId, string model);

        [LoggerMessage(Level = LogLevel.Information, Message = "Chat completion {TaskId} finished ({FinishReason})")]
        public static partial void Finished(ILogger logger, string taskId, string finishReason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Chat completion {TaskId}: cutting the stream on purpose")]
        public static partial void Cut(ILogger logger, string taskId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Chat completion {TaskId}: stalling the stream on purpose")]
        public static partial void Stalled(ILogger logger, string taskId);
    }
}
