namespace VideoVault.Archiving;

/// <summary>Which video to fetch and where to put it.</summary>
public sealed record ArchiveRequest(string TaskId, Uri SourceUrl, string Container, string BlobName);
