using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// Every video family the simulator serves on <c>POST /api/v1/task</c>, from <c>shared/piapi/video-models.md</c>.
/// Where the facts give no set or range for a field it takes any value of the right JSON type.
/// </summary>
internal static class FamilyCatalog
{
    /// <summary>Deprecated Seedance task types and the types PiAPI now runs them as.</summary>
    private static readonly Dictionary<string, string> SeedanceSuccessors = new(StringComparer.Ordinal)
    {
        ["seedance-2-preview"] = "seedance-2",
        ["seedance-2-fast-preview"] = "seedance-2-fast",
        ["seedance-2-preview-vip"] = "seedance-2",
        ["seedance-2-fast-preview-vip"] = "seedance-2-fast",
    };

    public static IReadOnlyList<VideoFamily> All { get; } =
    [
        new("sora2", "sora2", ["sora2-video", "sora2-pro-video"], [
            InputField.Text("prompt", required: true),
            InputField.Text("aspect_ratio"),
            InputField.Integer("duration", 1, 60),
            InputField.Text("resolution"),
            InputField.Url("image_url"),
        ])
        {
            UsageType = "llm", Price = FamilyPrices.Sora2, ConsumesAtCreation = true,
        },
        Veo("veo3", ["veo3-video", "veo3-video-fast"]),
        Veo("veo3.1", ["veo3.1-video", "veo3.1-video-fast"]),
        new("kling-3.0", "kling", ["video_generation"], [
            InputField.Text("prompt"),
            InputField.Integer("duration", 1, 60),
            InputField.Text("aspect_ratio"),
            InputField.Flag("enable_audio"),
            InputField.Flag("prefer_multi_shots"),
            InputField.Shots("multi_shots"),
            InputField.OneOf("mode", "std", "pro"),
            InputField.OneOf("version", "3.0") with { Required = true },
        ])
        {
            Matches = input => InputValues.Text(input, "version") == "3.0",
            Rule = FamilyRules.Kling3, UsageType = "point", Price = FamilyPrices.Kling3, Output = OutputShape.VideoWithShell, Cancellable = true,
        },
        new("kling-omni", "kling", ["omni_video_generation"], [
            InputField.Text("prompt", required: true),
            InputField.OneOf("version", "3.0", "o1"),
            InputField.OneOf("resolution", "720p", "1080p"),
            InputField.Integer("duration", 1, 60),
            InputField.Text("aspect_ratio"),
            InputField.Flag("enable_audio"),
        ])
        {
            UsageType = "point", Price = FamilyPrices.KlingOmni, Output = OutputShape.VideoWithShell, Cancellable = true,
        },
        new("kling-legacy", "kling", ["video_generation"], [
            InputField.Text("prompt", maxLength: 2500),
            InputField.Text("negative_prompt", maxLength: 2500),
            InputField.Number("cfg_scale", 0, 1),
            InputField.IntegerOneOf("duration", 5, 10),
            InputField.OneOf("aspect_ratio", "16:9", "9:16", "1:1"),
            InputField.OneOf("mode", "std", "pro"),
            InputField.Text("version"),
            InputField.Url("image_url"),
            InputField.Url("image_tail_url"),
            InputField.Object("camera_control"),
        ])
        {
            Rule = FamilyRules.KlingLegacy, UsageType = "point", Price = FamilyPrices.KlingLegacy, Output = OutputShape.Works, Cancellable = true,
        },
        new("seedance-2", "seedance", ["seedance-2", "seedance-2-fast", "seedance-2-mini", "seedance-2-less-restriction", "seedance-2-fast-less-restriction", .. SeedanceSuccessors.Keys], [
            InputField.Text("prompt", required: true),
            InputField.Integer("duration", 4, 15),
            InputField.OneOf("aspect_ratio", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"),
            InputField.OneOf("resolution", "480p", "720p", "1080p"),
            InputField.OneOf("mode", "text_to_video", "first_last_frames", "omni_reference"),
            InputField.Urls("image_urls", 12),
            InputField.Urls("video_urls", 12),
            InputField.Urls("audio_urls", 12),
        ])
        {
            Rule = FamilyRules.Seedance, UsageType = "llm", Price = FamilyPrices.Seedance,
        },
        new("hailuo", "hailuo", ["video_generation"], [
            InputField.OneOf("model", "t2v-01", "t2v-01-director", "i2v-01", "i2v-01-live", "s2v-01") with { Required = true },
            InputField.Text("prompt", maxLength: 2000),
            InputField.Url("image_url"),
            InputField.Flag("expand_prompt"),
        ])
        {
            Rule = FamilyRules.Hailuo, UsageType = "point", Price = FamilyPrices.Hailuo, Output = OutputShape.Hailuo,
        },
        new("luma", "luma", ["video_generation"], [
            InputField.Text("prompt", required: true),
            InputField.Text("aspect_ratio"),
            InputField.Object("key_frames"),
        ])
        {
            UsageType = "llm", Price = FamilyPrices.Luma, Output = OutputShape.Luma, Cancellable = true,
        },
        Wan("wan26-txt2video", []),
        Wan("wan26-img2video", [InputField.Url("image_url") with { Required = true }]),
    ];

    /// <summary>Every model and every <c>model/task_type</c> pair, the names <c>Simulator:RemovedModels</c> accepts.</summary>
    public static IReadOnlySet<string> Names { get; } = All
        .SelectMany(family => family.TaskTypes.Select(type => $"{family.Model}/{type}").Prepend(family.Model))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The task type a deprecated Seedance type runs as; any other type is its own.</summary>
    public static string SeedanceSuccessor(string taskType) => SeedanceSuccessors.GetValueOrDefault(taskType, taskType);

    /// <returns>The family serving the request, or null with the 400 message naming <c>model</c> or <c>task_type</c>.</returns>
    public static VideoFamily? Resolve(string? model, string? taskType, JsonElement? input, out string problem)
    {
        var ofModel = All.Where(family => family.Model == model).ToList();
        if (ofModel.Count == 0)
        {
            problem = $"model must be one of: {string.Join(", ", All.Select(family => family.Model).Distinct())}";
            return null;
        }

        var ofType = ofModel.Where(family => taskType is not null && family.TaskTypes.Contains(taskType)).ToList();
        if (ofType.Count == 0)
        {
            problem = $"task_type must be one of: {string.Join(", ", ofModel.SelectMany(family => family.TaskTypes).Distinct())} for model {model}";
            return null;
        }

        problem = "";
        var given = input is { ValueKind: JsonValueKind.Object } value ? value : default;
        return ofType.FirstOrDefault(family => given.ValueKind == JsonValueKind.Object && family.Matches(given)) ?? ofType[^1];
    }

    private static VideoFamily Veo(string model, IReadOnlyList<string> taskTypes) => new(model, model, taskTypes, [
        InputField.Text("prompt", required: true),
        InputField.Text("negative_prompt"),
        InputField.Url("image_url"),
        InputField.Text("aspect_ratio"),
        InputField.OneOf("duration", "4s", "6s", "8s"),
        InputField.OneOf("resolution", "720p", "1080p"),
        InputField.Flag("generate_audio"),
    ])
    {
        UsageType = "llm", Price = FamilyPrices.Veo,
    };

    private static VideoFamily Wan(string taskType, IReadOnlyList<InputField> image) => new($"wan-{taskType}", "Wan", [taskType], [
        InputField.Text("prompt", required: true),
        .. image,
        InputField.Integer("duration", 1, 60),
        InputField.Text("resolution"),
    ])
    {
        UsageType = "llm", Price = FamilyPrices.Wan, Output = OutputShape.VideoUrl,
    };
}
