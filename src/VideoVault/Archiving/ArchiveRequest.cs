namespace VideoVault.Archiving;

/// <summary>Which video to fetch and under which blob name to keep it.</summary>
public sealed record ArchiveRequest(string TaskId, Uri SourceUrl, string BlobName);
