using Microsoft.Extensions.Logging;

namespace VideoVault.PiApi;

/// <summary>The PiAPI client's log messages. They carry ids, statuses and timings, never the API key or a body.</summary>
internal static partial class PiApiClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "PiAPI {Operation} succeeded: task {TaskId} is {TaskStatus} ({ElapsedMs:0} ms)")]
    public static partial void Succeeded(ILogger logger, PiApiOperation operation, string taskId, PiApiTaskStatus taskStatus, double elapsedMs);

    /// <summary>
    /// A failure the caller handles (retried, or the task failed with it): one line naming what broke, no
    /// stack trace. The exception's kind is enough; where it was thrown is the HTTP stack's, not a bug's.
    /// </summary>
    public static void Failed(ILogger logger, Exception? exception, PiApiOperation operation, string? taskId, PiApiFailureKind failureKind, int? httpStatus, string? vendorMessage, double elapsedMs) =>
        FailedBecause(logger, operation, taskId, failureKind, httpStatus, vendorMessage, elapsedMs, exception switch
        {
            null => "answered",
            HttpRequestException request => $"{request.HttpRequestError}",
            _ => exception.GetType().Name,
        });

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "PiAPI {Operation} failed for task {TaskId}: {FailureKind}, HTTP {HttpStatus}, \"{VendorMessage}\" ({ElapsedMs:0} ms, {Cause})")]
    private static partial void FailedBecause(ILogger logger, PiApiOperation operation, string? taskId, PiApiFailureKind failureKind, int? httpStatus, string? vendorMessage, double elapsedMs, string cause);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "PiAPI chat completion stream opened for {Model} ({ElapsedMs:0} ms to the headers)")]
    public static partial void ChatStreamOpened(ILogger logger, string model, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "PiAPI cancelled task {TaskId} ({ElapsedMs:0} ms)")]
    public static partial void Cancelled(ILogger logger, string taskId, double elapsedMs);
}
