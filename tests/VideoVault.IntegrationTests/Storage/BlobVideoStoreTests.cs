using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>The video store on Azurite through the SDK: staged blocks, hashes, headers, read-only links.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobVideoStoreTests(AzuriteFixture azurite)
{
    private const int BlockSize = 64 * 1024;

    private readonly Microsoft.Extensions.Options.IOptions<VideoVaultOptions> _options = AzuriteFixture.AppOptions();

    private static VideoUploadOptions Options(int concurrency = 3) => new() { ContentType = "video/mp4", BlockSize = BlockSize, MaxConcurrency = concurrency };

    private BlobContainerClient Container() => azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(_options.Value.VideoContainer);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(BlockSize)]
    [InlineData((5 * BlockSize) + 17)]
    public async Task A_non_seekable_stream_is_committed_with_its_hashes_content_type_and_md5(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        var store = azurite.CreateVideoStore(_options);

        var result = await store.UploadAsync($"v/{size}.mp4", new NonSeekableStream(new MemoryStream(bytes)), Options(), CancellationToken.None);

        Assert.Equal(size, result.Length);
        Assert.Equal(SHA256.HashData(bytes), result.Sha256);
        Assert.Equal(MD5.HashData(bytes), result.ContentMd5);
        Assert.Equal((size + BlockSize - 1) / BlockSize, result.BlockCount);
        var blob = Container().GetBlobClient($"v/{size}.mp4");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(size, properties.ContentLength);
        Assert.Equal("video/mp4", properties.ContentType);
        Assert.Equal(MD5.HashData(bytes), properties.ContentHash);
        Assert.Equal(properties.ETag.ToString(), result.ETag);
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_source_that_breaks_midway_commits_nothing()
    {
        var store = azurite.CreateVideoStore(_options);
        var source = new FailingAfterStream(RandomNumberGenerator.GetBytes(3 * BlockSize), failAfter: (2 * BlockSize) + 10);

        await Assert.ThrowsAsync<IOException>(() => store.UploadAsync("v/broken.mp4", source, Options(), CancellationToken.None));

        Assert.False((await Container().GetBlobClient("v/broken.mp4").ExistsAsync()).Value);
    }

    [Fact]
    public async Task The_read_link_reads_that_blob_only_and_cannot_write_or_list()
    {
        var store = azurite.CreateVideoStore(_options);
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await store.UploadAsync("v/linked.mp4", new MemoryStream(bytes), Options(), CancellationToken.None);
        await store.UploadAsync("v/other.mp4", new MemoryStream(bytes), Options(), CancellationToken.None);
        using var http = new HttpClient();

        var link = await store.CreateReadUriAsync("v/linked.mp4", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(bytes, await http.GetByteArrayAsync(link));
        Assert.Contains("sp=r&", link.Query, StringComparison.Ordinal);
        using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(put)).StatusCode);
        var other = new UriBuilder(link) { Path = link.AbsolutePath.Replace("linked", "other", StringComparison.Ordinal) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(other)).StatusCode);
    }

    [Fact]
    public async Task An_expired_read_link_is_refused()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var store = new BlobVideoStore(azurite.Clients.CreateBlobServiceClient(), _options, clock);
        await store.UploadAsync("v/expired.mp4", new MemoryStream([1, 2, 3]), Options(), CancellationToken.None);
        using var http = new HttpClient();

        var link = await store.CreateReadUriAsync("v/expired.mp4", TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(link)).StatusCode);
    }

    /// <summary>Serves its bytes, then fails the read that would cross <c>failAfter</c>, like a reset connection.</summary>
    private sealed class FailingAfterStream(byte[] bytes, int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position + count > failAfter)
            {
                throw new IOException("connection reset");
            }

            var read = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
