namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// Where a completed task's <c>output</c> puts its video (and cover). The first nine are what the
/// <c>[sim:output=...]</c> tag can force; the last three are families' own richer layouts.
/// </summary>
public enum OutputShape
{
    /// <summary><c>output.video</c> is the URL string (Sora 2, Veo, Kling 3.0 / omni, Seedance).</summary>
    Video,

    /// <summary><c>output.video.url</c>.</summary>
    VideoObject,

    /// <summary><c>output.video_url</c> (Wan).</summary>
    VideoUrl,

    /// <summary><c>output.download_url</c>.</summary>
    DownloadUrl,

    /// <summary>Legacy Kling <c>output.works[]</c>, two works, each with <c>resource</c> and <c>resource_without_watermark</c>.</summary>
    Works,

    /// <summary><c>output.works[]</c> whose cover and video carry only <c>resource</c>.</summary>
    WorksResource,

    /// <summary><c>output.generation.video.url</c> (Luma's webhook example).</summary>
    Generation,

    /// <summary>The family's own layout with every URL an empty string.</summary>
    Empty,

    /// <summary>An object with no recognisable video key: <c>{"foo":"bar"}</c>.</summary>
    None,

    /// <summary>Hailuo: <c>percent</c>, <c>cover_url</c>, <c>video_url</c>, <c>download_url</c> and the rest of its shell.</summary>
    Hailuo,

    /// <summary>Luma: <c>video{url,width,height}</c>, <c>video_raw</c>, <c>thumbnail</c>, <c>last_frame</c>.</summary>
    Luma,

    /// <summary>Kling 3.0 / omni: <c>output.video</c>, with the shell <c>{"video":""}</c> before completion.</summary>
    VideoWithShell,
}
