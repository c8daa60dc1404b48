using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Inbound;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Views;
using VideoVault.Workers;

namespace VideoVault.Http;

/// <summary>
/// PiAPI's task webhook. Anonymous, so every check runs in a fixed order before anything is read
/// from or written to storage: size, secret, content type, body, then the task.
/// </summary>
internal sealed partial class PiApiWebhookEndpoint(
    TaskWebhookSecrets secrets,
    TaskProgressRecorder recorder,
    ArchiveCoordinator archive,
    IOptions<VideoVaultOptions> options,
    ILogger<PiApiWebhookEndpoint> logger)
{
    public const string SecretHeader = "x-webhook-secret";
    public const string TaskQueryParameter = "task";

    /// <summary>Time for the claim's release and the queue message once the budget is used up.</summary>
    private static readonly TimeSpan HandOverAllowance = TimeSpan.FromSeconds(2);

    /// <remarks>A storage outage answers 503, so PiAPI delivers the event again later.</remarks>
    public Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ReceiveCoreAsync(request, cancellationToken), logger, cancellationToken);

    private async Task<Results<JsonHttpResult<WebhookAck>, UnauthorizedHttpResult, ProblemHttpResult, StatusCodeHttpResult>> ReceiveCoreAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var receivedAt = DateTime.UtcNow;
        if (request.ContentLength > settings.MaxWebhookBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var taskId = request.Query[TaskQueryParameter].ToString();
        var verification = TaskIds.IsValid(taskId)
            ? secrets.Verify(taskId, request.Headers[SecretHeader].ToString())
            : WebhookVerification.Mismatch;
        if (verification != WebhookVerification.Verified)
        {
            Log.Refused(logger, verification);
            return TypedResults.Unauthorized();
        }

        if (!BoundedBody.IsJson(request))
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await BoundedBody.ReadAsync(request, settings.MaxWebhookBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var webhook = Parse(body);
        if (webhook is null)
        {
            Log.Malformed(logger, taskId, body.Length);
            return TypedResults.Problem("The body is not a PiAPI task webhook.", statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await recorder.RecordAsync(taskId, webhook.Data, cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case ProgressOutcomeKind.UnknownTask:
                Log.UnknownTask(logger, taskId);
                return TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound);
            case ProgressOutcomeKind.ForeignPiApiTask:
                Log.Foreign(logger, taskId, webhook.Data.TaskId);
                return Ack("ignored");
        }

        Log.Recorded(logger, taskId, webhook.Data.Status, outcome.Update!.Changed);

        // Started once the task, and so its trace, is known; dated back to cover the whole webhook.
        using var activity = VideoVaultTelemetry.StartTaskActivity("piapi webhook", taskId, outcome.Task!.TraceParent, ActivityKind.Server);
        activity?.SetStartTime(receivedAt);
        activity?.SetTag("videovault.piapi.status", webhook.Data.Status.ToString());
        activity?.SetTag(VideoVaultTelemetry.OutcomeTag, outcome.Update.Changed ? "recorded" : "duplicate");
        if (outcome.Task!.Status is VideoTaskStatus.Completed or VideoTaskStatus.Archiving)
        {
            await CopyInlineAsync(taskId, settings.InlineCopyBudget).ConfigureAwait(false);
        }

        return Ack(outcome.Update.Changed ? "recorded" : "duplicate");
    }

    /// <summary>
    /// Copies within the budget, then the queue takes over. Not the sender's token: a sender that hangs up
    /// must not cut the copy off and strand its claim until the lease runs out. The answer waits no longer
    /// than the budget and the hand-over, whatever the copy does (storage retries included): a copy still
    /// running then goes on, and its claim's guard work item finishes it through the queue if it dies.
    /// </summary>
    private async Task CopyInlineAsync(string taskId, TimeSpan budget)
    {
        var copy = archive.RunAsync(taskId, budget, CancellationToken.None);
        try
        {
            await copy.WaitAsync(budget + HandOverAllowance).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.AnsweredBeforeCopy(logger, taskId, budget + HandOverAllowance);
            _ = copy.ContinueWith(static (finished, state) => Log.LateCopyFailed((ILogger)state!, finished.Exception!), logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static PiApiWebhookBody? Parse(byte[] body)
    {
        try
        {
            var webhook = JsonSerializer.Deserialize(body, PiApiJsonContext.Default.PiApiWebhookBody);
            return webhook?.Data is { TaskId.Length: > 0 } ? webhook : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonHttpResult<WebhookAck> Ack(string status) => TypedResults.Json(new WebhookAck(status), ViewJsonContext.Default.WebhookAck);

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Webhook refused: {Verification}")]
        public static partial void Refused(ILogger logger, WebhookVerification verification);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Webhook for task {TaskId} is not a PiAPI task webhook ({Length} bytes)")]
        public static partial void Malformed(ILogger logger, string taskId, int length);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Webhook for unknown task {TaskId}")]
        public static partial void UnknownTask(ILogger logger, string taskId);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Webhook for task {TaskId} is about PiAPI task {PiApiTaskId}, not the one it is bound to; ignored")]
        public static partial void Foreign(ILogger logger, string taskId, string piApiTaskId);

        [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Webhook for task {TaskId}: PiAPI status {Status}, changed: {Changed}")]
        public static partial void Recorded(ILogger logger, string taskId, PiApiTaskStatus status, bool changed);

        [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Webhook for task {TaskId} answered after {Wait} with its copy still running; the copy's claim guards it")]
        public static partial void AnsweredBeforeCopy(ILogger logger, string taskId, TimeSpan wait);

        [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "A copy that outlived its webhook failed; its claim's guard work item takes over")]
        public static partial void LateCopyFailed(ILogger logger, Exception exception);
    }
}
