using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>Writes a task's <c>output</c> in a family's shape (or the one a fault tag forces) before and after completion.</summary>
internal static class OutputBuilder
{
    /// <summary>Size of the cover image the simulator serves (<c>Video/CoverImage</c>).</summary>
    public const int CoverWidth = 64;
    public const int CoverHeight = 36;

    private const int VideoMilliseconds = ClipFormat.MaxFrames * 1000 / ClipFormat.FramesPerSecond;

    /// <summary>Output before completion: Kling 3.0's <c>{"video":""}</c>, Hailuo's shell of empty strings, else null.</summary>
    public static JsonElement? Pending(VideoFamily family, JsonElement input) => family.Output switch
    {
        OutputShape.VideoWithShell => Element(new JsonObject { ["video"] = "" }),
        OutputShape.Hailuo => Element(Hailuo(TaskFiles.Blank, input, done: false)),
        _ => null,
    };

    /// <param name="forced">The <c>[sim:output=...]</c> shape, or null for the family's own.</param>
    public static JsonElement Completed(VideoFamily family, OutputShape? forced, TaskFiles files, JsonElement input)
    {
        var shape = forced ?? family.Output;
        var (layout, links) = shape == OutputShape.Empty ? (family.Output, TaskFiles.Blank) : (shape, files);
        return Element(Build(layout, links, input));
    }

    private static JsonObject Build(OutputShape shape, TaskFiles files, JsonElement input) => shape switch
    {
        OutputShape.Video or OutputShape.VideoWithShell => new JsonObject { ["video"] = files.Video },
        OutputShape.VideoObject => new JsonObject { ["video"] = new JsonObject { ["url"] = files.Video } },
        OutputShape.VideoUrl => new JsonObject { ["video_url"] = files.Video },
        OutputShape.DownloadUrl => new JsonObject { ["download_url"] = files.Video },
        OutputShape.Works => Works(files, input, withoutWatermark: true),
        OutputShape.WorksResource => Works(files, input, withoutWatermark: false),
        OutputShape.Generation => new JsonObject { ["generation"] = new JsonObject { ["video"] = new JsonObject { ["url"] = files.Video } } },
        OutputShape.None => new JsonObject { ["foo"] = "bar" },
        OutputShape.Hailuo => Hailuo(files, input, done: true),
        OutputShape.Luma => Luma(files),
        _ => throw new InvalidOperationException($"No completed layout for {shape}."),
    };

    /// <summary>Legacy Kling: <c>{type, status:99, works:[{cover{...}, video{...}}, ...]}</c>, two works.</summary>
    private static JsonObject Works(TaskFiles files, JsonElement input, bool withoutWatermark)
    {
        JsonObject Resource(string url, int width, int height, int duration)
        {
            var resource = new JsonObject { ["resource"] = withoutWatermark ? TaskFiles.Watermarked(url) : url };
            if (withoutWatermark)
            {
                resource["resource_without_watermark"] = url;
            }

            resource["width"] = width;
            resource["height"] = height;
            resource["duration"] = duration;
            return resource;
        }

        JsonObject Work(string video) => new()
        {
            ["cover"] = Resource(files.Cover, CoverWidth, CoverHeight, 0),
            ["video"] = Resource(video, ClipFormat.Width, ClipFormat.Height, VideoMilliseconds),
        };

        return new JsonObject
        {
            ["type"] = InputValues.Find(input, "image_url") is null ? "m2v_txt2video_hq" : "m2v_img2video_hq",
            ["status"] = 99,
            ["works"] = new JsonArray(Work(files.Video), Work(files.SecondVideo)),
        };
    }

    /// <summary>
    /// Hailuo's output, the fields of its pending shell (2025-03-19) filled in; the facts show no completed example, so
    /// <c>status</c> (0 pending, 2 done) and <c>model_id</c> (the sub-model) are the simulator's guesses.
    /// </summary>
    private static JsonObject Hailuo(TaskFiles files, JsonElement input, bool done) => new()
    {
        ["percent"] = done ? 100 : 0,
        ["cover_url"] = files.Cover,
        ["video_url"] = files.Video,
        ["download_url"] = files.Video,
        ["desc"] = "",
        ["prompt_img_url"] = done ? InputValues.Text(input, "image_url") ?? "" : "",
        ["status"] = done ? 2 : 0,
        ["user_origin_prompt"] = done ? InputValues.Text(input, "prompt") ?? "" : "",
        ["width"] = done ? ClipFormat.Width : 0,
        ["height"] = done ? ClipFormat.Height : 0,
        ["model_id"] = done ? InputValues.Text(input, "model") ?? "" : "",
        ["message"] = "",
    };

    /// <summary>Luma: the video, its raw copy, a thumbnail and the last frame, each <c>{url, width, height}</c>.</summary>
    private static JsonObject Luma(TaskFiles files)
    {
        static JsonObject Media(string url, int width, int height) => new() { ["url"] = url, ["width"] = width, ["height"] = height };

        return new JsonObject
        {
            ["video"] = Media(files.Video, ClipFormat.Width, ClipFormat.Height),
            ["video_raw"] = Media(files.Video, ClipFormat.Width, ClipFormat.Height),
            ["thumbnail"] = Media(files.Cover, CoverWidth, CoverHeight),
            ["last_frame"] = Media(files.Cover, CoverWidth, CoverHeight),
        };
    }

    private static JsonElement Element(JsonObject node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
