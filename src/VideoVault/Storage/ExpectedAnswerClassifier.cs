using Azure;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>
/// The SDK's own classification, except for the answers the app asks for by design (see
/// <see cref="ExpectedAnswerPolicy"/>), told apart by Storage's error code, not by status alone.
/// </summary>
internal sealed class ExpectedAnswerClassifier(ResponseClassifier inner) : ResponseClassifier
{
    private const string ErrorCodeHeader = "x-ms-error-code";

    /// <summary>404s of an entity, blob or message the app looked for or deletes "if present"; a missing table, queue or container is no such answer.</summary>
    private static readonly HashSet<string> ExpectedNotFound = new(StringComparer.Ordinal) { "ResourceNotFound", "BlobNotFound", "MessageNotFound" };

    private static bool IsExpected(Response response) => response.Status switch
    {
        // The only way Storage answers 412: a condition the app set (If-Match, If-None-Match) did not hold.
        412 => true,

        // Creating what exists: an idempotent repeat (a task's insert, a table, queue or container created on first use).
        409 => ErrorCode(response)?.EndsWith("AlreadyExists", StringComparison.Ordinal) == true,
        404 => ErrorCode(response) is { } code && ExpectedNotFound.Contains(code),
        _ => false,
    };

    public override bool IsErrorResponse(HttpMessage message) => inner.IsErrorResponse(message) && !IsExpected(message.Response);

    public override bool IsRetriableResponse(HttpMessage message) => inner.IsRetriableResponse(message);

    public override bool IsRetriableException(Exception exception) => inner.IsRetriableException(exception);

    public override bool IsRetriable(HttpMessage message, Exception exception) => inner.IsRetriable(message, exception);

    private static string? ErrorCode(Response response) => response.Headers.TryGetValue(ErrorCodeHeader, out var code) ? code : null;
}
