namespace VideoVault.Archiving;

/// <summary>
/// The video is larger than a copy on a time budget should start (<see cref="ArchiveRequest.HandOverAbove"/>):
/// nothing was uploaded, and the copy belongs to the queue. Not a failure of the video or of storage.
/// </summary>
internal sealed class TooLargeToCopyInlineException(long declaredLength, long limit)
    : Exception($"The video is {declaredLength} bytes, more than the {limit} bytes a copy on a time budget starts.")
{
    public long DeclaredLength => declaredLength;
}
