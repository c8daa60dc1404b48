namespace VideoVault.Archiving;

/// <summary>Decides from the first bytes whether a body is a poster image browsers show (JPEG, PNG, WebP, GIF).</summary>
internal static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="DetectContentType"/> needs (WebP's RIFF header is the longest).</summary>
    public const int HeadLength = 12;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <returns>The content type to store the image with, or null when the bytes are not a supported image.</returns>
    public static string? DetectContentType(ReadOnlySpan<byte> head) =>
        head.StartsWith(Jpeg) ? "image/jpeg"
        : head.StartsWith(Png) ? "image/png"
        : head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8) ? "image/gif"
        : head.Length >= HeadLength && head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>The file extension a poster blob gets for <paramref name="contentType"/>.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        _ => "webp",
    };
}
