namespace VideoVault.Archiving;

/// <summary>Copies a finished video from its (short-lived) source URL into Blob Storage.</summary>
public interface IVideoArchiver
{
    /// <summary>Downloads and stores the video. Failures come back as an outcome; only caller cancellation throws.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ArchiveOutcome> ArchiveAsync(ArchiveRequest request, CancellationToken cancellationToken);
}

/// <summary>Which video to fetch and under which blob name to keep it.</summary>
public sealed record ArchiveRequest(string TaskId, Uri SourceUrl, string BlobName);
