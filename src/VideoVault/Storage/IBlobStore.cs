namespace VideoVault.Storage;

/// <summary>The Blob Storage operations VideoVault uses.</summary>
public interface IBlobStore
{
    Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken);

    /// <summary>Streams <paramref name="content"/> (any length, need not be seekable) into a block blob.</summary>
    Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions options, CancellationToken cancellationToken);

    /// <returns>The blob's properties, or null when it does not exist.</returns>
    Task<BlobProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken);

    /// <returns>Whether a blob was deleted.</returns>
    Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken);

    IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix, CancellationToken cancellationToken);

    /// <summary>A read-only URL valid for <paramref name="lifetime"/>: a service SAS with an account key, a user delegation SAS with a token credential.</summary>
    Task<Uri> CreateReadSasUriAsync(string container, string blobName, TimeSpan lifetime, CancellationToken cancellationToken);
}
