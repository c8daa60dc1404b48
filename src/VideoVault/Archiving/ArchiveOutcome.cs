namespace VideoVault.Archiving;

/// <summary>The result of one archive attempt; <see cref="Reason"/> is safe to store and show (no URLs, no secrets).</summary>
internal sealed record ArchiveOutcome(ArchiveOutcomeKind Kind, string? Reason, BlobUploadResult? Upload)
{
    /// <summary>The poster stored beside the video; null when there was none or it could not be copied.</summary>
    public string? PosterBlobName { get; init; }

    public static ArchiveOutcome Archived(BlobUploadResult upload, string? posterBlobName = null) =>
        new(ArchiveOutcomeKind.Archived, null, upload) { PosterBlobName = posterBlobName };

    /// <param name="declaredLength">What the video's host declared, more than <paramref name="limit"/>.</param>
    public static ArchiveOutcome TooLargeToCopyInline(long declaredLength, long limit) =>
        new(ArchiveOutcomeKind.TooLargeToCopyInline, $"The video is {declaredLength} bytes, more than the {limit} bytes a copy on a time budget starts.", null);

    public static ArchiveOutcome Failed(ArchiveOutcomeKind kind, string reason)
    {
        if (kind is ArchiveOutcomeKind.Archived or ArchiveOutcomeKind.TooLargeToCopyInline)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A failure needs a failure kind.");
        }

        return new(kind, reason, null);
    }
}
