namespace VideoVault.Storage;

/// <summary>How an upload is cut into blocks; memory in use is at most <see cref="BlockSize"/> × <see cref="MaxConcurrency"/>.</summary>
public sealed record BlobUploadOptions
{
    /// <summary>Blob Storage's limits for one staged block and for the blocks of one blob.</summary>
    public const int MaxBlockSize = 100 * 1024 * 1024;
    public const int MaxBlockCount = 50_000;

    public required string ContentType { get; init; }

    public required int BlockSize { get; init; }

    public required int MaxConcurrency { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, MaxBlockSize, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentException.ThrowIfNullOrWhiteSpace(ContentType, nameof(ContentType));
    }
}
