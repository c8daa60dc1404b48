using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Specialized;
using VideoVault.Archiving;

namespace VideoVault.Storage;

/// <summary>
/// StageBlock for each block read from the source, several in flight, then a write-once commit
/// (<see cref="WriteOnceCommit"/>). Hashes are computed on the bytes as read, so the
/// source is read once and never buffered whole. An upload owns at most
/// <see cref="VideoUploadOptions.MaxConcurrency"/> buffers and passes them from finished blocks to new
/// ones itself: handing each back to the shared pool at once strands them in other threads' pool
/// slots, and the upload then rents (allocates) more than its bound.
/// </summary>
internal static class BlockStager
{
    public static async Task<BlobUploadResult> UploadAsync(BlockBlobClient blob, Stream content, VideoUploadOptions options, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffers = new Buffers(options.BlockSize, slots);
        var blockIds = new List<string>();
        var stagings = new List<Task>();
        long length = 0;
        try
        {
            while (true)
            {
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                var buffer = buffers.Take();
                int read;
                try
                {
                    read = await content.ReadAtLeastAsync(buffer.AsMemory(0, options.BlockSize), options.BlockSize, throwOnEndOfStream: false, failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    buffers.Release(buffer);
                    throw;
                }

                if (read == 0)
                {
                    buffers.Release(buffer);
                    break;
                }

                if (blockIds.Count == VideoUploadOptions.MaxBlockCount)
                {
                    buffers.Release(buffer);
                    throw new InvalidOperationException($"The content needs more than {VideoUploadOptions.MaxBlockCount} blocks; use a larger block size.");
                }

                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                stagings.Add(StageAsync(blob, blockId, buffer, read, buffers, failed));
                if (read < options.BlockSize)
                {
                    break;
                }
            }

            await Task.WhenAll(stagings).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(stagings.Select(s => s.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);

            // A failed block cancels the reading loop: report the block's error, not the cancellation it caused.
            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested
                && stagings.FirstOrDefault(s => s.IsFaulted)?.Exception?.InnerException is { } blockFailure)
            {
                ExceptionDispatchInfo.Throw(blockFailure);
            }

            throw;
        }
        finally
        {
            // Every block has finished here (see the catch), so no buffer is still being sent.
            buffers.ReturnAll();
        }

        var staged = new BlobUploadResult(length, md5.GetHashAndReset(), sha256.GetHashAndReset(), ETag: string.Empty, blockIds.Count);
        return await WriteOnceCommit.CommitAsync(blob, blockIds, staged, options.ContentType, cancellationToken).ConfigureAwait(false);
    }

    private static async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, Buffers buffers, CancellationTokenSource failed)
    {
        try
        {
            // Seekable, so the SDK's retries can send the block again.
            using var block = new MemoryStream(buffer, 0, count, writable: false);
            await blob.StageBlockAsync(blockId, block, options: null, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            // One failed block dooms the upload: stop reading and stop the other blocks early.
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            buffers.Release(buffer);
        }
    }

    /// <summary>Every id of a blob must have the same length, hence the fixed-width counter.</summary>
    private static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D8", CultureInfo.InvariantCulture)));

    /// <summary>The upload's own buffers: a free one is reused before another is rented, one per slot at most.</summary>
    private sealed class Buffers(int blockSize, SemaphoreSlim slots)
    {
        private readonly ConcurrentStack<byte[]> _free = new();

        public byte[] Take() => _free.TryPop(out var buffer) ? buffer : ArrayPool<byte>.Shared.Rent(blockSize);

        /// <summary>Frees the buffer for the next block, then its slot, so a new block always finds it.</summary>
        public void Release(byte[] buffer)
        {
            _free.Push(buffer);
            slots.Release();
        }

        public void ReturnAll()
        {
            while (_free.TryPop(out var buffer))
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
