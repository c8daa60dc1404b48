using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoVault.Storage;

namespace VideoVault.Http;

/// <summary>
/// 503 with <c>Retry-After</c> and a problem body for requests that met a storage outage, instead of
/// an unexplained 500: the caller (or PiAPI's webhook retry) should come back, and the host keeps
/// serving and recovers by itself once storage answers again.
/// </summary>
internal sealed partial class ServiceUnavailable : IResult
{
    private const string RetryAfterSeconds = "5";

    private static readonly ServiceUnavailable Instance = new();

    private ServiceUnavailable()
    {
    }

    /// <summary>Runs <paramref name="handle"/>, answering 503 when it fails because storage is unavailable.</summary>
    public static async Task<IResult> WhenStorageFailsAsync(Func<Task<IResult>> handle, ILogger logger)
    {
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            Log.StorageUnavailable(logger, exception.GetType().Name, exception.Message);
            return Instance;
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return TypedResults.Problem(
            "Storage is unavailable right now; retry shortly. A submit repeated with the same Idempotency-Key returns the same task.",
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Answered 503: storage is unavailable ({ExceptionType}: {Reason})")]
        public static partial void StorageUnavailable(ILogger logger, string exceptionType, string reason);
    }
}
