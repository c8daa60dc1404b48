namespace VideoVault.Archiving;

/// <summary>
/// How an upload is cut into blocks; memory in use is at most <see cref="BlockSize"/> × <see cref="MaxConcurrency"/>.
/// The sizes come from <see cref="Archiving.ArchiveOptions"/>, whose limits are checked at start-up, and the
/// content type from the sniffed video, so nothing is checked again per upload.
/// </summary>
internal sealed record VideoUploadOptions
{
    /// <summary>Blob Storage's limits for one staged block and for the blocks of one blob.</summary>
    public const int MaxBlockSize = 100 * 1024 * 1024;
    public const int MaxBlockCount = 50_000;

    public required string ContentType { get; init; }

    public required int BlockSize { get; init; }

    public required int MaxConcurrency { get; init; }
}
