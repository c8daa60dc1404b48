using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using VideoVault.Archiving;

namespace VideoVault.Storage;

/// <summary>
/// Commits a staged blob only where none exists, so an archived video is never overwritten. A blob already
/// there is a commit that succeeded before its state write was lost (a crash, a lost answer): it is adopted
/// when it holds the same bytes, judged by size and the SHA-256 its metadata carries (Content-MD5 for blobs
/// written before the metadata was), and refused when it holds other bytes.
/// </summary>
internal static class WriteOnceCommit
{
    /// <summary>The blob metadata key of the SHA-256 (lowercase hex) of the bytes committed.</summary>
    public const string Sha256Metadata = "sha256";

    /// <param name="staged">Size and hashes of the staged bytes; its ETag is filled in from the commit.</param>
    /// <exception cref="BlobConflictException">The blob exists and holds other bytes.</exception>
    public static async Task<BlobUploadResult> CommitAsync(
        BlockBlobClient blob, IReadOnlyList<string> blockIds, BlobUploadResult staged, string contentType, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(staged.Sha256);
        try
        {
            var commit = await blob.CommitBlockListAsync(
                blockIds,
                new CommitBlockListOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = staged.ContentMd5 },
                    Metadata = new Dictionary<string, string> { [Sha256Metadata] = sha256 },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return staged with { ETag = commit.Value.ETag.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Blob Storage answers 409 BlobAlreadyExists to If-None-Match: * on a commit; 412 is the generic answer to a failed condition.
            var existing = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (!IsSame(existing, staged, sha256))
            {
                throw new BlobConflictException(blob.Name, existing.ContentLength, staged.Length);
            }

            return staged with { ETag = existing.ETag.ToString() };
        }
    }

    private static bool IsSame(BlobProperties existing, BlobUploadResult staged, string sha256) =>
        existing.ContentLength == staged.Length
        && (existing.Metadata.TryGetValue(Sha256Metadata, out var stored)
            ? string.Equals(stored, sha256, StringComparison.OrdinalIgnoreCase)
            : existing.ContentHash is { } md5 && md5.AsSpan().SequenceEqual(staged.ContentMd5));
}
