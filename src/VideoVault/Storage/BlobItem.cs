namespace VideoVault.Storage;

public sealed record BlobItem(string Name, long Length);
