using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>
/// Put Block for each block read from the source, several in flight, then Put Block List. Hashes are
/// computed on the bytes as read, so the source is read once and never buffered whole. An upload owns
/// at most <see cref="BlobUploadOptions.MaxConcurrency"/> buffers and passes them from finished blocks to
/// new ones itself: handing each back to the shared pool at once strands them in other threads' pool
/// slots, and the upload then rents (allocates) more than its bound.
/// </summary>
internal sealed class BlobBlockUploader(StorageServiceClient client)
{
    public async Task<BlobUploadResult> UploadAsync(string blobPath, Stream content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffers = new Buffers(options.BlockSize, slots);
        var blockIds = new List<string>();
        var uploads = new List<Task>();
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

                if (blockIds.Count == BlobUploadOptions.MaxBlockCount)
                {
                    buffers.Release(buffer);
                    throw new InvalidOperationException($"The content needs more than {BlobUploadOptions.MaxBlockCount} blocks; use a larger block size.");
                }

                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                uploads.Add(PutBlockAsync(blobPath, blockId, buffer, read, buffers, failed));
                if (read < options.BlockSize)
                {
                    break;
                }
            }

            await Task.WhenAll(uploads).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(uploads.Select(u => u.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);

            // A failed block cancels the reading loop: report the block's error, not the cancellation it caused.
            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested
                && uploads.FirstOrDefault(u => u.IsFaulted)?.Exception?.InnerException is { } blockFailure)
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

        var contentMd5 = md5.GetHashAndReset();
        var etag = await PutBlockListAsync(blobPath, blockIds, contentMd5, options, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(length, contentMd5, sha256.GetHashAndReset(), etag, blockIds.Count);
    }

    private async Task PutBlockAsync(string blobPath, string blockId, byte[] buffer, int count, Buffers buffers, CancellationTokenSource failed)
    {
        try
        {
            using var message = client.CreateMessage(RequestMethod.Put, blobPath);
            message.Request.Uri.AppendQuery("comp", "block");
            message.Request.Uri.AppendQuery("blockid", blockId);
            message.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer, 0, count));
            await client.SendAsync(message, failed.Token, 201).ConfigureAwait(false);
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

    private async Task<string> PutBlockListAsync(string blobPath, List<string> blockIds, byte[] contentMd5, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = client.CreateMessage(RequestMethod.Put, blobPath);
        var request = message.Request;
        request.Uri.AppendQuery("comp", "blocklist");
        request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        request.Headers.SetValue("x-ms-blob-content-md5", Convert.ToBase64String(contentMd5));
        foreach (var (name, value) in options.Metadata)
        {
            request.Headers.SetValue("x-ms-meta-" + name, value);
        }

        var body = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
        var response = await client.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return response.Headers.ETag?.ToString() ?? string.Empty;
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
