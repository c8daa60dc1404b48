using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;

namespace VideoVault.Storage;

/// <summary>
/// The video container on Blob Storage. Read links are a service SAS where the client holds the
/// account key (Azurite, connection strings) and a user delegation SAS where it holds a token
/// (managed identity in Azure, where the account has no usable key).
/// </summary>
internal sealed class BlobVideoStore : IVideoBlobStore
{
    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _container;
    private readonly CreateOnce _created;
    private readonly UserDelegationKeyCache _delegationKeys;
    private readonly TimeProvider _timeProvider;

    public BlobVideoStore(BlobServiceClient service, IOptions<VideoVaultOptions> options, TimeProvider timeProvider)
    {
        _service = service;
        _container = service.GetBlobContainerClient(options.Value.VideoContainer);
        _created = new CreateOnce(ct => _container.CreateIfNotExistsAsync(cancellationToken: ct));
        _delegationKeys = new UserDelegationKeyCache(service, timeProvider);
        _timeProvider = timeProvider;
    }

    public async Task<BlobUploadResult> UploadAsync(string blobName, Stream content, VideoUploadOptions options, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await BlockStager.UploadAsync(_container.GetBlockBlobClient(blobName), content, options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken) =>
        (await _container.GetBlobClient(blobName).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        (await _container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;

    public async Task<Uri> CreateReadUriAsync(string blobName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(blobName);
        var expiresOn = _timeProvider.GetUtcNow() + lifetime;
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(BlobSasPermissions.Read, expiresOn);
        }

        var key = await _delegationKeys.GetAsync(expiresOn, cancellationToken).ConfigureAwait(false);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = _container.Name,
            BlobName = blobName,
            Resource = "b",
        };
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, _service.AccountName) }.ToUri();
    }
}
