namespace VideoVault.Archiving;

/// <summary>Where archived videos live: the app's one container.</summary>
internal interface IVideoBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> (any length, need not be seekable) into the named block blob, which is
    /// written once: a blob already there is adopted when it holds the same bytes, and never overwritten.
    /// </summary>
    /// <exception cref="BlobConflictException">A blob of that name holds other bytes.</exception>
    Task<BlobUploadResult> UploadAsync(string blobName, Stream content, VideoUploadOptions options, CancellationToken cancellationToken);

    /// <summary>A read-only URL of the blob, valid for <paramref name="lifetime"/>.</summary>
    Task<Uri> CreateReadUriAsync(string blobName, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Whether the blob is there (one HEAD request); a missing container means no.</summary>
    Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Deletes the blob if it is there (soft-deleted where the account keeps deleted blobs); true when this call deleted it.</summary>
    Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken);
}
