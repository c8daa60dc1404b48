using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoVault.Streaming;

/// <summary>
/// Reads the markdown a Sora 2 chat completion streams: the prompt echoed as a fenced JSON block, then
/// <c>&gt; ID: `task_...`</c>, "Queuing...", "Generating.", <c>Progress 44..61..68..81..</c>, and finally a
/// markdown preview image and a markdown link to the <c>.mp4</c>.
/// </summary>
internal static partial class SoraStreamText
{
    private const int MaxProgress = 100;

    public static SoraStreamSnapshot Read(string content)
    {
        // Only what follows PiAPI's ID line is PiAPI's own: the echoed prompt before it could contain a link
        // or "Progress 99" and must not pass for them. The echo is one JSON line, so it has no "> ID:" line start.
        var id = TaskIdPattern().Match(content);
        var from = id.Success ? id.Index : 0;

        int? progress = null;
        for (var match = ProgressPattern().Match(content, from); match.Success; match = match.NextMatch())
        {
            var percent = int.Parse(match.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            if (percent <= MaxProgress && percent > (progress ?? -1))
            {
                progress = percent;
            }
        }

        var generating = progress is not null || content.IndexOf("Generating", from, StringComparison.Ordinal) >= 0;
        return new SoraStreamSnapshot(
            id.Success ? id.Groups["id"].Value : null,
            generating,
            progress,
            LastUrl(ImagePattern().Match(content, from)),
            LastUrl(VideoLinkPattern().Match(content, from)));
    }

    private static Uri? LastUrl(Match match)
    {
        Uri? last = null;
        for (; match.Success; match = match.NextMatch())
        {
            if (Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var url))
            {
                last = url;
            }
        }

        return last;
    }

    [GeneratedRegex(@"^>[ \t]*ID:[ \t]*`(?<id>[^`\r\n]{1,128})`", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TaskIdPattern();

    /// <summary>Each figure of a "Progress 44..61..68.." run.</summary>
    [GeneratedRegex(@"(?<=Progress[ \d.]*)\b\d{1,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"!\[[^\]\r\n]*\]\((?<url>https?://[^\s)]+)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImagePattern();

    /// <summary>A markdown link (not an image) whose target is an <c>.mp4</c>, query string allowed.</summary>
    [GeneratedRegex(@"(?<!!)\[[^\]\r\n]*\]\((?<url>https?://[^\s)?#]+\.mp4(?:[?#][^\s)]*)?)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VideoLinkPattern();
}

/// <summary>What the text of a Sora 2 chat completion has said so far.</summary>
/// <param name="TaskId">PiAPI's task id from the <c>&gt; ID: `task_...`</c> line.</param>
/// <param name="Generating">Whether PiAPI has started generating (a "Generating" line or a progress figure).</param>
/// <param name="Progress">The highest progress figure so far, 0 to 100.</param>
/// <param name="PreviewUrl">The preview image (the markdown image).</param>
/// <param name="VideoUrl">The video (the markdown link to an <c>.mp4</c>).</param>
internal sealed record SoraStreamSnapshot(string? TaskId, bool Generating, int? Progress, Uri? PreviewUrl, Uri? VideoUrl);
