namespace VideoVault.Storage;

public sealed record BlobProperties(
    long Length,
    string? ContentType,
    byte[]? ContentMd5,
    string ETag,
    DateTimeOffset? LastModified,
    IReadOnlyDictionary<string, string> Metadata);
