using Azure;
using VideoVault.Outbound;

namespace VideoVault.Archiving;

/// <summary>Turns what a failed archive threw into an outcome; null for exceptions that are bugs, not failures.</summary>
internal static class ArchiveFailureClassifier
{
    public static ArchiveOutcome? Classify(Exception exception) => exception switch
    {
        ArchiveFailureException failure => ArchiveOutcome.Failed(failure.Kind, failure.Message),
        HttpRequestException request when Find<OutboundRefusedException>(request) is { } refusal =>
            ArchiveOutcome.Failed(ArchiveOutcomeKind.PermanentFailure, refusal.Message),

        // Another copy's bytes sit under the task's name: copying again would bring the same answer.
        BlobConflictException conflict => ArchiveOutcome.Failed(ArchiveOutcomeKind.PermanentFailure, conflict.Message),
        HttpRequestException request when Find<ArchiveFailureException>(request) is { } failure =>
            ArchiveOutcome.Failed(failure.Kind, failure.Message),
        HttpRequestException request =>
            Transient($"The request to the video host failed ({request.HttpRequestError})."),
        RequestFailedException { Status: 0 } => Transient("Blob Storage could not be reached."),
        RequestFailedException storage => Transient($"Blob Storage answered {storage.Status}."),

        // Azure.Core's retry policy reports the exceptions of exhausted retries together.
        AggregateException => Transient("Blob Storage failed after retries."),
        IOException => Transient("An I/O error interrupted the transfer."),

        // Not the caller's cancellation (the archiver checks that first): a connect timeout, or the
        // upload stopping its reads because a block upload failed.
        OperationCanceledException => Transient("The transfer timed out or was interrupted."),
        _ => null,
    };

    private static ArchiveOutcome Transient(string reason) => ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, reason);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
