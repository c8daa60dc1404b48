namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// The URLs a completed task's output links: its video, a second video (the second of legacy Kling's works) and a
/// cover image. <see cref="Blank"/> is the same set as empty strings, for shells and the <c>output=empty</c> tag.
/// </summary>
internal sealed record TaskFiles(string Video, string SecondVideo, string Cover)
{
    public static TaskFiles Blank { get; } = new("", "", "");

    /// <summary>
    /// A video's watermarked copy, as legacy Kling's <c>works[].video.resource</c>: the same file with a query the
    /// simulator ignores, so a client that picks <c>resource</c> over <c>resource_without_watermark</c> shows in its URL.
    /// </summary>
    public static string Watermarked(string url) => url.Length == 0 ? "" : url + "?watermark=1";
}
