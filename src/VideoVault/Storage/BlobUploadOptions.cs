namespace VideoVault.Storage;

/// <summary>How an upload is cut into blocks; memory in use is at most <see cref="BlockSize"/> × <see cref="MaxConcurrency"/>.</summary>
public sealed record BlobUploadOptions
{
    public const int MaxBlockSize = 100 * 1024 * 1024;
    public const int MaxBlockCount = 50_000;

    public string ContentType { get; init; } = "application/octet-stream";

    public int BlockSize { get; init; } = 8 * 1024 * 1024;

    public int MaxConcurrency { get; init; } = 4;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, MaxBlockSize, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentException.ThrowIfNullOrWhiteSpace(ContentType, nameof(ContentType));
    }
}
