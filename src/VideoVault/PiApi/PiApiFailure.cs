using System.Net;

namespace VideoVault.PiApi;

/// <summary>A failed PiAPI call.</summary>
/// <param name="Kind">Why it failed.</param>
/// <param name="StatusCode">The HTTP status, when PiAPI answered.</param>
/// <param name="Message">PiAPI's own message, when its answer carried one.</param>
/// <param name="RetryAfter">How long PiAPI asked to wait (<c>Retry-After</c>), when it said.</param>
internal sealed record PiApiFailure(
    PiApiFailureKind Kind,
    HttpStatusCode? StatusCode = null,
    string? Message = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Whether the same call may succeed later, so it is worth retrying through the queue.</summary>
    public bool IsTransient => Kind is PiApiFailureKind.RateLimited
        or PiApiFailureKind.ServerError
        or PiApiFailureKind.Timeout
        or PiApiFailureKind.ConnectionFailed;

    /// <summary>
    /// Whether PiAPI may have created the task despite the failure. Resubmitting such a create
    /// could pay for the video twice; look the task up (webhook or reconcile) instead.
    /// </summary>
    public bool IsAmbiguousForCreate => Kind is PiApiFailureKind.Timeout or PiApiFailureKind.InvalidResponse;

    /// <summary>Kind, HTTP status and PiAPI's message in one line, for a task's error.</summary>
    public string Describe() =>
        StatusCode is { } status
            ? $"{Kind} (HTTP {(int)status}){(string.IsNullOrWhiteSpace(Message) ? string.Empty : ": " + Message)}"
            : Kind.ToString();
}
