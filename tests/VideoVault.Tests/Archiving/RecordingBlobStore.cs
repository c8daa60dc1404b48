using System.Collections.Concurrent;
using System.Security.Cryptography;
using Moq;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

/// <summary>
/// A strict IVideoBlobStore mock whose upload really consumes the stream block by block, as the real
/// uploader does, and records what it read; any other call fails the test.
/// </summary>
internal sealed class RecordingBlobStore
{
    private long _bytesConsumed;

    public RecordingBlobStore()
    {
        Mock.Setup(store => store.UploadAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<VideoUploadOptions>(), It.IsAny<CancellationToken>()))
            .Returns((string blobName, Stream content, VideoUploadOptions options, CancellationToken cancellationToken) =>
                ConsumeAsync(blobName, content, options, cancellationToken));
    }

    public Mock<IVideoBlobStore> Mock { get; } = new(MockBehavior.Strict);

    public ConcurrentQueue<RecordedUpload> Uploads { get; } = new();

    /// <summary>Bytes read from upload streams, counted as they arrive (failed uploads included).</summary>
    public long BytesConsumed => Interlocked.Read(ref _bytesConsumed);

    private async Task<BlobUploadResult> ConsumeAsync(string blobName, Stream content, VideoUploadOptions options, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[options.BlockSize];
        long length = 0;
        var blocks = 0;
        int read;
        do
        {
            read = await content.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken);
            Interlocked.Add(ref _bytesConsumed, read);
            md5.AppendData(block, 0, read);
            sha256.AppendData(block, 0, read);
            length += read;
            blocks += read > 0 ? 1 : 0;
        }
        while (read == block.Length);

        var result = new BlobUploadResult(length, md5.GetHashAndReset(), sha256.GetHashAndReset(), "\"etag\"", blocks);
        Uploads.Enqueue(new RecordedUpload(blobName, options, result));
        return result;
    }
}

internal sealed record RecordedUpload(string BlobName, VideoUploadOptions Options, BlobUploadResult Result);
