using System.Security.Cryptography;
using Azure.Storage.Blobs;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>A video is written once: a second commit of the same bytes adopts the blob, of other bytes fails and leaves it untouched.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WriteOnceCommitTests(AzuriteFixture azurite)
{
    private const int BlockSize = 64 * 1024;

    private readonly Microsoft.Extensions.Options.IOptions<VideoVaultOptions> _options = AzuriteFixture.AppOptions();

    private static VideoUploadOptions Options => new() { ContentType = "video/mp4", BlockSize = BlockSize, MaxConcurrency = 2 };

    private BlobClient Blob(string name) => azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(_options.Value.VideoContainer).GetBlobClient(name);

    [Fact]
    public async Task The_commit_stores_the_sha256_in_the_metadata_and_a_repeat_of_the_same_bytes_adopts_the_blob()
    {
        var name = $"once/{Guid.NewGuid():N}.mp4";
        var bytes = RandomNumberGenerator.GetBytes((3 * BlockSize) + 5);
        var store = azurite.CreateVideoStore(_options);
        var first = await store.UploadAsync(name, new MemoryStream(bytes), Options, CancellationToken.None);

        var again = await store.UploadAsync(name, new NonSeekableStream(new MemoryStream(bytes)), Options, CancellationToken.None);

        var properties = (await Blob(name).GetPropertiesAsync()).Value;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), properties.Metadata[WriteOnceCommit.Sha256Metadata]);
        Assert.Equal((first.ETag, first.Length, Convert.ToHexString(first.Sha256)), (again.ETag, again.Length, Convert.ToHexString(again.Sha256)));
        Assert.Equal(properties.ETag.ToString(), again.ETag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_commit_over_other_bytes_fails_clearly_and_leaves_the_stored_video_as_it_was(int sizeChange)
    {
        var name = $"once/{Guid.NewGuid():N}.mp4";
        var stored = RandomNumberGenerator.GetBytes(2 * BlockSize);
        var store = azurite.CreateVideoStore(_options);
        var first = await store.UploadAsync(name, new MemoryStream(stored), Options, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<BlobConflictException>(() =>
            store.UploadAsync(name, new MemoryStream(RandomNumberGenerator.GetBytes(stored.Length + sizeChange)), Options, CancellationToken.None));

        Assert.Contains("never overwritten", conflict.Message, StringComparison.Ordinal);
        var blob = Blob(name);
        Assert.Equal(first.ETag, (await blob.GetPropertiesAsync()).Value.ETag.ToString());
        Assert.Equal(stored, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_blob_written_before_the_sha256_metadata_is_judged_by_its_content_md5()
    {
        var name = $"once/{Guid.NewGuid():N}.mp4";
        var bytes = RandomNumberGenerator.GetBytes(BlockSize + 9);
        await azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(_options.Value.VideoContainer).CreateIfNotExistsAsync();
        await Blob(name).UploadAsync(new BinaryData(bytes), new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentHash = MD5.HashData(bytes) } });
        var store = azurite.CreateVideoStore(_options);

        var adopted = await store.UploadAsync(name, new MemoryStream(bytes), Options, CancellationToken.None);

        Assert.Equal(bytes.Length, adopted.Length);
        await Assert.ThrowsAsync<BlobConflictException>(() => store.UploadAsync(name, new MemoryStream(RandomNumberGenerator.GetBytes(bytes.Length)), Options, CancellationToken.None));
    }
}
