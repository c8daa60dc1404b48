using System.Net;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobSasTests(AzuriteFixture azurite) : IDisposable
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task The_read_sas_cannot_write()
    {
        var (store, container) = await UploadAsync("readonly.bin", [1, 2, 3]);
        var sas = await store.CreateReadSasUriAsync(container, "readonly.bin", TimeSpan.FromMinutes(5), CancellationToken.None);

        using var put = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new ByteArrayContent([9, 9, 9]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await _http.SendAsync(put);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // And the content is untouched.
        Assert.Equal([1, 2, 3], await _http.GetByteArrayAsync(sas));
    }

    [Fact]
    public async Task An_expired_sas_is_refused()
    {
        var (_, container) = await UploadAsync("expiring.bin", [4, 5, 6]);
        // Signed an hour ago for five minutes: already expired when used.
        var pastStore = new BlobStore(azurite.Connection, new StorageClientOptions(), new ShiftedTimeProvider(TimeSpan.FromHours(-1)));
        var expired = await pastStore.CreateReadSasUriAsync(container, "expiring.bin", TimeSpan.FromMinutes(5), CancellationToken.None);

        using var response = await _http.GetAsync(expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_sas_with_a_tampered_signature_is_refused()
    {
        var (store, container) = await UploadAsync("tampered.bin", [7]);
        var sas = await store.CreateReadSasUriAsync(container, "tampered.bin", TimeSpan.FromMinutes(5), CancellationToken.None);
        // Same signature, other blob: the signature covers the blob name.
        var other = new Uri(sas.AbsoluteUri.Replace("tampered.bin", "other.bin", StringComparison.Ordinal));
        await store.UploadAsync(container, "other.bin", new MemoryStream([8]), new(), CancellationToken.None);

        using var response = await _http.GetAsync(other);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    private async Task<(BlobStore Store, string Container)> UploadAsync(string blobName, byte[] content)
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("sas");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        await store.UploadAsync(container, blobName, new MemoryStream(content), new(), CancellationToken.None);
        return (store, container);
    }
}
