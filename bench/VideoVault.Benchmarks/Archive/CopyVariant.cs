namespace VideoVault.Benchmarks.Archive;

/// <summary>The ways of copying a video from its URL into Blob Storage that are compared, all at one block size and concurrency.</summary>
internal enum CopyVariant
{
    /// <summary>VideoVault's archiver with BlobVideoStore: guarded download, sniffing, size cap, StageBlock/CommitBlockList, MD5 + SHA-256.</summary>
    Archiver,

    /// <summary>What a user would write instead: the download stream into the SDK's BlockBlobClient.UploadAsync with transfer options.</summary>
    SdkUpload,

    /// <summary>The upper bound: the same blocks and blocks in flight through StageBlock/CommitBlockList, no hashing, no checks.</summary>
    Limit,

    /// <summary>What most sample code does: download the whole video into memory, then one upload.</summary>
    Naive,
}

internal static class CopyVariants
{
    /// <summary>The name in the reports and on the child's command line.</summary>
    public static string Name(this CopyVariant variant) => variant switch
    {
        CopyVariant.Archiver => "archiver",
        CopyVariant.SdkUpload => "sdk-upload",
        CopyVariant.Limit => "limit",
        CopyVariant.Naive => "naive",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    public static CopyVariant Parse(string name)
    {
        foreach (var variant in Enum.GetValues<CopyVariant>())
        {
            if (variant.Name() == name)
            {
                return variant;
            }
        }

        throw new ArgumentException($"Unknown copy variant '{name}'.", nameof(name));
    }
}
