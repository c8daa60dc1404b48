namespace VideoVault.Archiving;

/// <summary>Copies a finished video from its (short-lived) source URL into Blob Storage.</summary>
internal interface IVideoArchiver
{
    /// <summary>Downloads and stores the video. Failures come back as an outcome; only caller cancellation throws.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ArchiveOutcome> ArchiveAsync(ArchiveRequest request, CancellationToken cancellationToken);
}

/// <summary>Which video to fetch and under which blob name to keep it, and a poster to keep beside it if the output had one.</summary>
internal sealed record ArchiveRequest(string TaskId, Uri SourceUrl, string BlobName)
{
    public PosterSource? Poster { get; init; }

    /// <summary>
    /// For a copy on a time budget: a video whose declared length is over this is not started (
    /// <see cref="ArchiveOutcomeKind.TooLargeToCopyInline"/>), so the queue copies it once instead of twice.
    /// </summary>
    public long? HandOverAbove { get; init; }
}

/// <summary>A cover or thumbnail: kept as <c>{BlobStem}.{jpg|png|webp|gif}</c> when it can be, never failing its video.</summary>
internal sealed record PosterSource(Uri Url, string BlobStem);
