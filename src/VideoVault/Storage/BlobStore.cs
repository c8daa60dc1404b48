using System.Runtime.CompilerServices;
using System.Text;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>Blob Storage over the REST API through an Azure.Core pipeline.</summary>
public sealed class BlobStore : IBlobStore
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly StorageServiceClient _client;
    private readonly BlobBlockUploader _uploader;
    private readonly UserDelegationKeyCache _delegationKeys;
    private readonly TimeProvider _timeProvider;

    public BlobStore(StorageConnection connection, StorageClientOptions options, TimeProvider timeProvider)
    {
        _client = new StorageServiceClient(connection.BlobEndpoint, connection, SharedKeyFlavor.BlobOrQueue, options, timeProvider);
        _uploader = new BlobBlockUploader(_client);
        _delegationKeys = new UserDelegationKeyCache(_client, timeProvider);
        _timeProvider = timeProvider;
    }

    public async Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, container);
        message.Request.Uri.AppendQuery("restype", "container");
        await _client.SendAsync(message, cancellationToken, 201, 409).ConfigureAwait(false);
    }

    public Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions options, CancellationToken cancellationToken) =>
        _uploader.UploadAsync(BlobPath(container, blobName), content, options, cancellationToken);

    public async Task<BlobProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Head, BlobPath(container, blobName));
        var response = await _client.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        var headers = response.Headers;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return new BlobProperties(
            headers.ContentLength ?? 0,
            headers.ContentType,
            headers.TryGetValue("Content-MD5", out var md5) ? Convert.FromBase64String(md5) : null,
            headers.ETag?.ToString() ?? string.Empty,
            headers.TryGetValue("Last-Modified", out var modified) ? DateTimeOffset.Parse(modified, System.Globalization.CultureInfo.InvariantCulture) : null,
            metadata);
    }

    public async Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Delete, BlobPath(container, blobName));
        var response = await _client.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    public async IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            using var message = _client.CreateMessage(RequestMethod.Get, container);
            var uri = message.Request.Uri;
            uri.AppendQuery("restype", "container");
            uri.AppendQuery("comp", "list");
            if (!string.IsNullOrEmpty(prefix))
            {
                uri.AppendQuery("prefix", prefix);
            }

            if (marker is not null)
            {
                uri.AppendQuery("marker", marker);
            }

            var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
            var root = StorageXml.Read(response);
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var length = blob.Element("Properties")?.Element("Content-Length")?.Value;
                yield return new BlobItem(blob.Element("Name")!.Value, length is null ? 0 : long.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
            }

            marker = root.Element("NextMarker")?.Value;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    public async Task<Uri> CreateReadSasUriAsync(string container, string blobName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        var start = now - ClockSkew;
        var expiry = now + lifetime;
        var protocol = _client.Endpoint.Scheme == Uri.UriSchemeHttps ? "https" : "https,http";
        var connection = _client.Connection;
        var query = connection.SharedKey is { } key
            ? BlobSasBuilder.ServiceSas(key, container, blobName, start, expiry, protocol)
            : BlobSasBuilder.UserDelegationSas(
                await _delegationKeys.GetAsync(expiry, cancellationToken).ConfigureAwait(false),
                connection.AccountName, container, blobName, start, expiry, protocol);
        // A host-only endpoint (production) prints as "https://account.blob.core.windows.net/": no second slash.
        return new Uri($"{_client.Endpoint.AbsoluteUri.TrimEnd('/')}/{BlobPath(container, blobName)}?{query}");
    }

    private static string BlobPath(string container, string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return new StringBuilder(container).Append('/').Append(StorageServiceClient.EscapePath(blobName)).ToString();
    }
}
