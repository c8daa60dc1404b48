namespace VideoVault.Archiving;

/// <summary>What a download must turn out to be: its first bytes are sniffed for it, and its size capped by it.</summary>
internal enum MediaKind
{
    Video,

    /// <summary>A cover or thumbnail kept beside the video.</summary>
    Image,
}
