using VideoVault.Storage;

namespace VideoVault.Archiving;

/// <summary>Where archived videos live: the app's one container.</summary>
public interface IVideoBlobStore
{
    /// <summary>Streams <paramref name="content"/> (any length, need not be seekable) into the named block blob.</summary>
    Task<BlobUploadResult> UploadAsync(string blobName, Stream content, BlobUploadOptions options, CancellationToken cancellationToken);

    /// <summary>A read-only URL of the blob, valid for <paramref name="lifetime"/>.</summary>
    Task<Uri> CreateReadUriAsync(string blobName, TimeSpan lifetime, CancellationToken cancellationToken);
}
