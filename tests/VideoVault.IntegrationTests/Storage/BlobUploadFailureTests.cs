using Azure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>A failed upload must surface its real cause promptly, never hang or hide it behind a cancellation.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobUploadFailureTests(AzuriteFixture azurite)
{
    private static readonly BlobUploadOptions SmallBlocks = new() { BlockSize = 64 * 1024, MaxConcurrency = 3 };

    [Fact]
    public async Task Uploading_into_a_missing_container_fails_with_the_service_error()
    {
        var store = azurite.CreateBlobStore();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.UploadAsync(AzuriteFixture.NewName("nocontainer"), "a.bin", new PseudoRandomStream(1024 * 1024, 7), SmallBlocks, CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task A_source_that_fails_midway_fails_the_upload_with_its_exception_and_commits_nothing()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("srcfail");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);

        var error = await Assert.ThrowsAsync<IOException>(
            () => store.UploadAsync(container, "broken.bin", new FailingStream(new PseudoRandomStream(10 * 1024 * 1024, 3), failAfter: 300 * 1024), SmallBlocks, CancellationToken.None));

        Assert.Equal("connection reset", error.Message);
        Assert.Null(await store.GetPropertiesAsync(container, "broken.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_stops_the_upload()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("cancel");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.UploadAsync(container, "cancelled.bin", new PseudoRandomStream(1024 * 1024, 5), SmallBlocks, cancellation.Token));

        Assert.Null(await store.GetPropertiesAsync(container, "cancelled.bin", CancellationToken.None));
    }

    /// <summary>Throws like a dropped connection once a number of bytes has been read.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _read;

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
            if (_read >= failAfter)
            {
                throw new IOException("connection reset");
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, failAfter - _read));
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
