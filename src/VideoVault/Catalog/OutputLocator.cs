using System.Text.Json;

namespace VideoVault.Catalog;

/// <summary>
/// Finds the video and a poster in a completed task's <c>output</c>, whose shape differs by family: the entry's own
/// path first, then every shape PiAPI is known to use, in order. An empty string counts as absent.
/// </summary>
internal static class OutputLocator
{
    /// <summary>The known places of the video URL, as <see cref="OutputPath"/> reads them.</summary>
    public static IReadOnlyList<string> VideoPaths { get; } =
    [
        "video",
        "video.url",
        "video_url",
        "download_url",
        "works[].video.resource_without_watermark",
        "works[].video.resource",
        "generation.video.url",
    ];

    /// <summary>The known places of a cover or thumbnail.</summary>
    public static IReadOnlyList<string> PosterPaths { get; } =
    [
        "works[].cover.resource_without_watermark",
        "works[].cover.resource",
        "cover_url",
        "thumbnail.url",
        "thumbnail",
        "generation.thumbnail.url",
    ];

    /// <param name="entry">The task's entry; null when it is not in the catalog any more (only the known shapes are tried).</param>
    public static LocatedOutput Locate(CatalogEntry? entry, JsonElement? output)
    {
        var videoPaths = Ordered(entry?.VideoPath, VideoPaths);
        if (output is not { ValueKind: JsonValueKind.Object } value)
        {
            return new LocatedOutput(null, null, 0, videoPaths);
        }

        var video = First(value, videoPaths);
        var poster = First(value, Ordered(entry?.PosterPath, PosterPaths));

        // A work whose clean link is missing still counts through its other link.
        var count = video is null ? 0 : videoPaths.Max(path => OutputPath.Count(value, path));
        return new LocatedOutput(video, poster, count, videoPaths);
    }

    private static IReadOnlyList<string> Ordered(string? own, IReadOnlyList<string> known) =>
        own is null ? known : [own, .. known.Where(path => path != own)];

    private static Uri? First(JsonElement output, IReadOnlyList<string> paths) =>
        paths.Select(path => OutputPath.Read(output, path)).FirstOrDefault(url => url is not null);
}

/// <summary>What a completed output holds.</summary>
/// <param name="Video">The video to archive: the first one where the output has several.</param>
/// <param name="Poster">A cover or thumbnail, when the output has one.</param>
/// <param name="VideoCount">How many videos the output holds (Kling's <c>works[]</c> can hold several).</param>
/// <param name="PathsTried">Where the video was looked for, in order, for the reason when none was found.</param>
internal sealed record LocatedOutput(Uri? Video, Uri? Poster, int VideoCount, IReadOnlyList<string> PathsTried)
{
    public string NoVideoReason =>
        $"PiAPI reported the task completed, but its output has no video URL at any known path (tried {string.Join(", ", PathsTried.Select(path => "output." + path))}).";
}
