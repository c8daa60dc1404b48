namespace VideoVault.Archiving;

internal enum ArchiveOutcomeKind
{
    /// <summary>The video is in Blob Storage.</summary>
    Archived,

    /// <summary>Worth retrying later: the host or the storage had a passing problem.</summary>
    TransientFailure,

    /// <summary>Retrying cannot help: the URL, the answer or the payload is refused.</summary>
    PermanentFailure,

    /// <summary>
    /// Not started, and not a failure of the video or of storage: its declared length is over what a copy on a
    /// time budget starts (<see cref="ArchiveRequest.HandOverAbove"/>), so the copy belongs to the queue.
    /// </summary>
    TooLargeToCopyInline,
}
