using System.Net.Http.Headers;

namespace VideoVault.Archiving;

/// <summary>
/// Decides from the first bytes whether a body is a video, because hosts answer errors with
/// 200 and an HTML page as readily as with a status code.
/// </summary>
internal static class VideoSniffer
{
    /// <summary>How many leading bytes <see cref="DetectContentType"/> needs.</summary>
    public const int HeadLength = 8;

    public const string Mp4ContentType = "video/mp4";
    public const string WebMContentType = "video/webm";

    private static ReadOnlySpan<byte> FileTypeBox => "ftyp"u8;

    private static ReadOnlySpan<byte> EbmlMagic => [0x1A, 0x45, 0xDF, 0xA3];

    /// <returns>The content type to store the video with, or null when the bytes are not a supported video.</returns>
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeadLength)
        {
            return null;
        }

        // ISO-BMFF (MP4, MOV): the first box is 'ftyp', after its 4-byte size.
        if (head.Slice(4, 4).SequenceEqual(FileTypeBox))
        {
            return Mp4ContentType;
        }

        // WebM and Matroska start with an EBML header element.
        return head.StartsWith(EbmlMagic) ? WebMContentType : null;
    }

    /// <summary>Content types that announce an error page or an API answer: refused without reading the body.</summary>
    public static bool IsDeclaredNonVideo(MediaTypeHeaderValue? contentType)
    {
        var mediaType = contentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType))
        {
            return false;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
