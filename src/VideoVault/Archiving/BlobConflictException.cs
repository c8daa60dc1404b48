namespace VideoVault.Archiving;

/// <summary>A write-once blob already holds other bytes than the ones a copy brought: it is kept, and the copy fails.</summary>
internal sealed class BlobConflictException(string blobName, long existingLength, long newLength)
    : Exception($"{blobName} already holds a different video ({existingLength} bytes, the copy brought {newLength}, or their SHA-256 differs); it is kept, never overwritten.");
