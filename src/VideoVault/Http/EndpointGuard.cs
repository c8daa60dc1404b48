using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoVault.Tasks;

namespace VideoVault.Http;

/// <summary>
/// Every failure of an endpoint answers with a problem body, never an empty 500: 503 with
/// <c>Retry-After</c> for a storage outage (the caller, or PiAPI's webhook retry, should come back;
/// the host recovers by itself once storage answers), 500 for a stored row this version cannot read
/// and for anything unexpected, which is logged.
/// </summary>
internal static partial class EndpointGuard
{
    private const string RetryAfterSeconds = "5";

    /// <param name="handle">The handler, whose typed answers are its own; the guard adds the 503 and the 500.</param>
    public static async Task<IResult> RunAsync<TResult>(Func<Task<TResult>> handle, ILogger logger, CancellationToken cancellationToken)
        where TResult : IResult
    {
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller hung up: nobody is left to read an answer.
            throw;
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            Log.StorageUnavailable(logger, exception.GetType().Name, exception.Message);
            return new ServiceUnavailable();
        }
        catch (UnreadableTaskException exception)
        {
            Log.Unreadable(logger, exception.TaskId, exception.Reason);
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
        catch (Exception exception)
        {
            Log.Unexpected(logger, exception);
            return TypedResults.Problem("An unexpected error occurred; it has been logged.", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private sealed class ServiceUnavailable : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                "Storage is unavailable right now; retry shortly. A submit repeated with the same Idempotency-Key returns the same task.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Answered 503: storage is unavailable ({ExceptionType}: {Reason})")]
        public static partial void StorageUnavailable(ILogger logger, string exceptionType, string reason);

        [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Answered 500: task {TaskId} is stored in a form this version cannot read: {Reason}")]
        public static partial void Unreadable(ILogger logger, string taskId, string reason);

        [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Answered 500: unexpected failure")]
        public static partial void Unexpected(ILogger logger, Exception exception);
    }
}
