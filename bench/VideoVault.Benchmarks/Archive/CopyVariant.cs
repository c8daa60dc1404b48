namespace VideoVault.Benchmarks.Archive;

/// <summary>The three ways of copying a video from its URL into Blob Storage that are compared.</summary>
internal enum CopyVariant
{
    /// <summary>VideoVault's archiver: guarded download, sniffing, size cap, parallel blocks, MD5 + SHA-256.</summary>
    Archiver,

    /// <summary>The limit: the same bytes through a bare sequential Put Block loop, no checks, no hashing.</summary>
    Limit,

    /// <summary>What most sample code does: download the whole video into memory, then one Put Blob.</summary>
    Naive,
}
