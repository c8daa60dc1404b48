using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoVault.Telemetry;

namespace VideoVault.PiApi;

/// <summary>
/// <see cref="IPiApiClient"/> over a typed <see cref="HttpClient"/> whose base address, timeout and
/// <c>X-API-Key</c> header come from <see cref="PiApiOptions"/> (see <see cref="PiApiServiceCollectionExtensions"/>).
/// </summary>
internal sealed class PiApiClient(HttpClient httpClient, TimeProvider timeProvider, VideoVaultMetrics metrics, ILogger<PiApiClient> logger) : IPiApiClient
{
    private const string TasksPath = "api/v1/task";

    public Task<PiApiResult<PiApiTask>> CreateTaskAsync(PiApiCreateTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A byte array rather than JsonContent: it gives a Content-Length instead of a chunked body.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, PiApiJsonContext.Default.PiApiCreateTaskRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, TasksPath) { Content = content }, PiApiOperation.CreateTask, null, cancellationToken);
    }

    public Task<PiApiResult<PiApiTask>> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);

        // Escaping does not protect dot segments: "api/v1/task/.." would resolve to "api/v1/".
        if (taskId is "." or "..")
        {
            throw new ArgumentException("A PiAPI task id cannot be a dot segment.", nameof(taskId));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"{TasksPath}/{Uri.EscapeDataString(taskId)}");
        return SendAsync(request, PiApiOperation.GetTask, taskId, cancellationToken);
    }

    public async Task<PiApiResult<PiApiCancellation>> CancelTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        if (taskId is "." or "..")
        {
            throw new ArgumentException("A PiAPI task id cannot be a dot segment.", nameof(taskId));
        }

        var started = timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{TasksPath}/{Uri.EscapeDataString(taskId)}");
        PiApiResult<PiApiCancellation> result;
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            result = PiApiResponseReader.ReadCancellation(response, body, timeProvider);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = PiApiResult.Fail<PiApiCancellation>(new PiApiFailure(PiApiFailureKind.Timeout));
        }
        catch (HttpRequestException exception)
        {
            result = PiApiResult.Fail<PiApiCancellation>(new PiApiFailure(NeverReachedServer(exception) ? PiApiFailureKind.ConnectionFailed : PiApiFailureKind.InvalidResponse, exception.StatusCode));
        }

        var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        if (result.IsSuccess)
        {
            PiApiClientLog.Cancelled(logger, taskId, elapsedMs);
        }
        else
        {
            PiApiClientLog.Failed(logger, null, PiApiOperation.CancelTask, taskId, result.Failure.Kind, (int?)result.Failure.StatusCode, result.Failure.Message, elapsedMs);
        }

        return result;
    }

    private async Task<PiApiResult<PiApiTask>> SendAsync(HttpRequestMessage request, PiApiOperation operation, string? taskId, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var activity = VideoVaultTelemetry.StartChildActivity("piapi " + operation, ActivityKind.Client);
        activity?.SetTag(VideoVaultTelemetry.OperationTag, operation.ToString());
        using (request)
        {
            try
            {
                using var response = await httpClient.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var result = PiApiResponseReader.Read(response, body, timeProvider);
                LogResult(operation, taskId, result, started, exception: null);
                return result;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient.Timeout fired: the request may have reached PiAPI.
                return Fail(operation, taskId, new PiApiFailure(PiApiFailureKind.Timeout), started, exception);
            }
            catch (HttpRequestException exception)
            {
                var kind = NeverReachedServer(exception) ? PiApiFailureKind.ConnectionFailed : PiApiFailureKind.InvalidResponse;
                return Fail(operation, taskId, new PiApiFailure(kind, exception.StatusCode), started, exception);
            }
        }
    }

    // Only failures before a connection existed prove PiAPI never saw the request; a connection
    // that broke later (ResponseEnded, protocol errors) may have carried it.
    internal static bool NeverReachedServer(HttpRequestException exception) => exception.HttpRequestError
        is HttpRequestError.ConnectionError
        or HttpRequestError.NameResolutionError
        or HttpRequestError.SecureConnectionError
        or HttpRequestError.ProxyTunnelError;

    private PiApiResult<PiApiTask> Fail(PiApiOperation operation, string? taskId, PiApiFailure failure, long started, Exception exception)
    {
        var result = PiApiResult.Fail<PiApiTask>(failure);
        LogResult(operation, taskId, result, started, exception);
        return result;
    }

    private void LogResult(PiApiOperation operation, string? taskId, PiApiResult<PiApiTask> result, long started, Exception? exception)
    {
        var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var activity = Activity.Current;
        activity?.SetTag(VideoVaultTelemetry.OutcomeTag, result.IsSuccess ? "success" : result.Failure.Kind.ToString());
        if (result.IsSuccess)
        {
            PiApiClientLog.Succeeded(logger, operation, result.Value.TaskId, result.Value.Status, elapsedMs);
        }
        else
        {
            var failure = result.Failure;
            activity?.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
            metrics.PiApiFailed(operation.ToString(), failure.Kind.ToString());
            PiApiClientLog.Failed(logger, exception, operation, taskId, failure.Kind, (int?)failure.StatusCode, failure.Message, elapsedMs);
        }
    }
}
