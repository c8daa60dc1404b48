using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>Checks of one family's input that span several fields or depend on the task type.</summary>
internal static class FamilyRules
{
    /// <summary>Kling 3.0: <c>prompt</c> unless the task is multi-shot (whose shots carry the prompts).</summary>
    public static string? Kling3(string taskType, JsonElement input) =>
        InputValues.Flag(input, "prefer_multi_shots") == true && InputValues.Count(input, "multi_shots") > 0 ? null
        : string.IsNullOrWhiteSpace(InputValues.Text(input, "prompt")) ? "input.prompt is required"
        : null;

    /// <summary>Legacy Kling: a prompt or an image to start from; a tail image only after a first image.</summary>
    public static string? KlingLegacy(string taskType, JsonElement input) =>
        InputValues.Find(input, "image_tail_url") is not null && InputValues.Find(input, "image_url") is null ? "input.image_tail_url needs input.image_url"
        : string.IsNullOrWhiteSpace(InputValues.Text(input, "prompt")) && InputValues.Find(input, "image_url") is null ? "input.prompt is required (or input.image_url)"
        : null;

    /// <summary>
    /// Seedance 2: fast types have no 1080p, mini is 720p only with no video or audio references; text_to_video takes no
    /// references, first_last_frames 1 or 2 images only, and no task more than 12 references in all.
    /// </summary>
    public static string? Seedance(string taskType, JsonElement input)
    {
        var type = FamilyCatalog.SeedanceSuccessor(taskType);
        var resolution = InputValues.Text(input, "resolution");
        var images = InputValues.Count(input, "image_urls");
        var media = InputValues.Count(input, "video_urls") + InputValues.Count(input, "audio_urls");
        var mini = type == "seedance-2-mini";
        return (mode: InputValues.Text(input, "mode"), resolution) switch
        {
            (_, "1080p") when type.Contains("-fast", StringComparison.Ordinal) => $"input.resolution 1080p is not offered by {taskType}; use 480p or 720p",
            (_, not (null or "720p")) when mini => $"input.resolution must be 720p for {taskType}",
            _ when mini && media > 0 => $"input.video_urls and input.audio_urls are not accepted by {taskType}",
            ("text_to_video", _) when images + media > 0 => "input.mode text_to_video takes no image_urls, video_urls or audio_urls",
            ("first_last_frames", _) when images is < 1 or > 2 || media > 0 => "input.mode first_last_frames needs 1 or 2 image_urls and no video or audio",
            _ when images + media > 12 => "input.image_urls, video_urls and audio_urls take at most 12 references in all",
            _ => null,
        };
    }

    /// <summary>
    /// Hailuo by <c>input.model</c>: t2v-01 and t2v-01-director need a prompt and take no image, i2v-01 and i2v-01-live
    /// need <c>image_url</c>, s2v-01 needs both.
    /// </summary>
    public static string? Hailuo(string taskType, JsonElement input)
    {
        var model = InputValues.Text(input, "model");
        var hasPrompt = !string.IsNullOrWhiteSpace(InputValues.Text(input, "prompt"));
        var hasImage = InputValues.Find(input, "image_url") is not null;
        return model switch
        {
            "t2v-01" or "t2v-01-director" when hasImage => $"input.image_url is not accepted by hailuo {model}",
            "t2v-01" or "t2v-01-director" or "s2v-01" when !hasPrompt => $"input.prompt is required by hailuo {model}",
            "i2v-01" or "i2v-01-live" or "s2v-01" when !hasImage => $"input.image_url is required by hailuo {model}",
            _ => null,
        };
    }
}
