namespace VideoVault.Archiving;

/// <summary>What was committed: size, hashes of the bytes as read, and the blob's ETag.</summary>
internal sealed record BlobUploadResult(long Length, byte[] ContentMd5, byte[] Sha256, string ETag, int BlockCount);
