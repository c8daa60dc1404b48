using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>
/// Put Block for each block read from the source, several in flight, then Put Block List. Hashes are
/// computed on the bytes as read, so the source is read once and never buffered whole.
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
        var blockIds = new List<string>();
        var uploads = new List<Task>();
        long length = 0;
        try
        {
            while (true)
            {
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(options.BlockSize);
                int read;
                try
                {
                    read = await content.ReadAtLeastAsync(buffer.AsMemory(0, options.BlockSize), options.BlockSize, throwOnEndOfStream: false, failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    Release(buffer, slots);
                    throw;
                }

                if (read == 0)
                {
                    Release(buffer, slots);
                    break;
                }

                if (blockIds.Count == BlobUploadOptions.MaxBlockCount)
                {
                    Release(buffer, slots);
                    throw new InvalidOperationException($"The content needs more than {BlobUploadOptions.MaxBlockCount} blocks; use a larger block size.");
                }

                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                uploads.Add(PutBlockAsync(blobPath, blockId, buffer, read, slots, failed));
                if (read < options.BlockSize)
                {
                    break;
                }
            }

            await Task.WhenAll(uploads).ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(uploads.Select(u => u.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            throw;
        }

        var contentMd5 = md5.GetHashAndReset();
        var etag = await PutBlockListAsync(blobPath, blockIds, contentMd5, options, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(length, contentMd5, sha256.GetHashAndReset(), etag, blockIds.Count);
    }

    private async Task PutBlockAsync(string blobPath, string blockId, byte[] buffer, int count, SemaphoreSlim slots, CancellationTokenSource failed)
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
            Release(buffer, slots);
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

    private static void Release(byte[] buffer, SemaphoreSlim slots)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        slots.Release();
    }
}
