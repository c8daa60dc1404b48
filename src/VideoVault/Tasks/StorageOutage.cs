using Azure;

namespace VideoVault.Tasks;

/// <summary>Tells a storage failure that only time can fix (unreachable, throttled, 5xx) from one a request caused.</summary>
internal static class StorageOutage
{
    /// <summary>
    /// Whether <paramref name="exception"/> says storage is unavailable right now. Azure.Core throws an
    /// <see cref="AggregateException"/> of the attempts once its retries are used up.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        _ => false,
    };
}
