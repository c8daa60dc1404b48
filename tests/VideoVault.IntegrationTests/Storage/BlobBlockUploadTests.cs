using System.Security.Cryptography;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobBlockUploadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_non_seekable_stream_spanning_several_blocks_downloads_back_byte_for_byte_through_its_sas_url()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("blocks");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        // 5 MiB plus a ragged tail, so the last block is short and block order matters.
        var source = RandomNumberGenerator.GetBytes((5 * 1024 * 1024) + 12_345);
        var options = new BlobUploadOptions { BlockSize = 1024 * 1024, MaxConcurrency = 3, ContentType = "video/mp4" };

        var result = await store.UploadAsync(container, "videos/2025/01/02/task.mp4", new NonSeekableStream(new MemoryStream(source)), options, CancellationToken.None);
        var sas = await store.CreateReadSasUriAsync(container, "videos/2025/01/02/task.mp4", TimeSpan.FromMinutes(5), CancellationToken.None);
        using var http = new HttpClient();
        using var response = await http.GetAsync(sas);

        response.EnsureSuccessStatusCode();
        Assert.Equal(source, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6, result.BlockCount);
        Assert.Equal(source.Length, result.Length);
        Assert.Equal(SHA256.HashData(source), result.Sha256);
        Assert.Equal(MD5.HashData(source), result.ContentMd5);
    }

    [Fact]
    public async Task An_empty_stream_becomes_an_empty_blob()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("empty");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);

        var result = await store.UploadAsync(container, "empty.bin", new NonSeekableStream(new MemoryStream()), new(), CancellationToken.None);
        var properties = await store.GetPropertiesAsync(container, "empty.bin", CancellationToken.None);

        Assert.Equal(0, result.Length);
        Assert.Equal(0, result.BlockCount);
        Assert.Equal(MD5.HashData(ReadOnlySpan<byte>.Empty), result.ContentMd5);
        Assert.NotNull(properties);
        Assert.Equal(0, properties.Length);
    }

    [Fact]
    public async Task Uploading_again_replaces_the_blob()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("replace");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        var small = new BlobUploadOptions { BlockSize = 4, MaxConcurrency = 2 };

        await store.UploadAsync(container, "twice.bin", new MemoryStream(new byte[10]), small, CancellationToken.None);
        var second = await store.UploadAsync(container, "twice.bin", new MemoryStream([7, 7, 7]), small, CancellationToken.None);
        var properties = await store.GetPropertiesAsync(container, "twice.bin", CancellationToken.None);

        // Block ids repeat across uploads (same fixed-width counter); the second commit must still win.
        Assert.NotNull(properties);
        Assert.Equal(3, properties.Length);
        Assert.Equal(second.ContentMd5, properties.ContentMd5);
    }
}
