using System.Globalization;

namespace VideoVault.Catalog;

/// <summary>
/// The entries VideoVault ships, from the vendor facts in shared/piapi/video-models.md. Every fact the docs did not
/// confirm is named in the entry's <see cref="CatalogEntry.Unverified"/>, so callers and operators can see it.
/// </summary>
internal static partial class BuiltInModels
{
    private const string PromptField = "prompt";

    /// <param name="sora">The Sora 2 allowed values, which <c>VideoVault:AspectRatios</c>, <c>:Resolutions</c> and <c>:Durations</c> override.</param>
    public static IReadOnlyList<CatalogEntry> Create(VideoVaultOptions sora) =>
    [
        .. Sora(sora),
        .. Veo(),
        .. Kling(),
        .. Seedance(),
        .. Hailuo(),
        Luma(),
        .. Wan(),
    ];

    private static IEnumerable<CatalogEntry> Sora(VideoVaultOptions settings)
    {
        var aspectRatio = Choice("aspect_ratio", settings.AspectRatios);
        var duration = new InputField("duration", InputKind.Integer)
        {
            Allowed = [.. settings.Durations.Select(seconds => seconds.ToString(CultureInfo.InvariantCulture))],
            Default = "4",
        };
        string[] unverified = ["the allowed aspect ratios, durations and resolutions (not found in the docs; VideoVault:AspectRatios, :Resolutions and :Durations override them)"];
        yield return new CatalogEntry
        {
            Id = "sora2-video",
            Family = "Sora 2",
            Model = "sora2",
            TaskType = "sora2-video",
            Fields = [Prompt(4000), aspectRatio, duration, Url("image_url")],
            Price = PerSecond(0.08m),
            VideoPath = "video",
            Unverified = [.. unverified, "whether image_url is accepted"],
        };
        yield return new CatalogEntry
        {
            Id = "sora2-pro-video",
            Family = "Sora 2 Pro",
            Model = "sora2",
            TaskType = "sora2-pro-video",
            Fields = [Prompt(4000), aspectRatio, Choice("resolution", settings.Resolutions), duration],
            Price = PerSecond(0.24m),
            VideoPath = "video",
            Unverified = unverified,
        };
    }

    private static IEnumerable<CatalogEntry> Veo()
    {
        string[] unverified =
        [
            "the output path (not found in the docs; two third-party codebases read output.video)",
            "the full enums of aspect_ratio, duration and resolution (the docs show auto, 16:9, \"8s\" and 720p; 4s, 6s and 1080p come from third-party code)",
        ];
        foreach (var (model, version) in new[] { ("veo3.1", "3.1"), ("veo3", "3") })
        {
            foreach (var (suffix, name, withAudio, withoutAudio) in new[] { ("", "", 0.24m, 0.12m), ("-fast", " Fast", 0.09m, 0.06m) })
            {
                yield return new CatalogEntry
                {
                    Id = $"{model}-video{suffix}",
                    Family = $"Veo {version}{name}",
                    Model = model,
                    TaskType = $"{model}-video{suffix}",
                    Fields =
                    [
                        Prompt(4000),
                        Text("negative_prompt", 4000),
                        Url("image_url"),
                        Choice("aspect_ratio", ["auto", "16:9", "9:16"]),
                        Choice("duration", ["4s", "6s", "8s"]) with { Default = "8s" },
                        Choice("resolution", ["720p", "1080p"]),

                        // The docs' examples set it both ways; the estimate assumes the dearer, with audio.
                        new InputField("generate_audio", InputKind.Boolean) { Default = "true" },
                    ],
                    Price = PerSecond(withoutAudio, Rule(withAudio, ("generate_audio", "true"))),
                    VideoPath = "video",
                    Unverified = unverified,
                };
            }
        }
    }

    private static IEnumerable<CatalogEntry> Kling()
    {
        var aspectRatio = Choice("aspect_ratio", ["16:9", "9:16", "1:1"]);
        var duration = new InputField("duration", InputKind.Integer) { Min = 3, Max = 15, Default = "5" };
        var audio = new InputField("enable_audio", InputKind.Boolean) { Default = "false" };
        yield return new CatalogEntry
        {
            Id = "kling-3.0",
            Family = "Kling 3.0",
            Model = "kling",
            TaskType = "video_generation",
            Fields =
            [
                Pin("version", "3.0"),
                Prompt(2500),
                duration,
                aspectRatio,
                audio,
                Choice("mode", ["std", "pro"]) with { Default = "std" },
                new InputField("prefer_multi_shots", InputKind.Boolean),
                new InputField("multi_shots", InputKind.ObjectList) { MaxLength = 6 },
            ],
            Price = PerSecond(
                0.10m,
                Rule(0.15m, ("mode", "std"), ("enable_audio", "true")),
                Rule(0.15m, ("mode", "pro"), ("enable_audio", "false")),
                Rule(0.20m, ("mode", "pro"), ("enable_audio", "true"))),
            VideoPath = "video",
            CanCancel = true,
            Unverified =
            [
                "the duration range (the examples use 3 and 5 seconds; 3 to 15 is assumed)",
                "the price by mode (the docs price 720p and 1080p; std is taken as 720p and pro as 1080p)",
            ],
        };
        yield return new CatalogEntry
        {
            Id = "kling-3.0-omni",
            Family = "Kling 3.0 Omni",
            Model = "kling",
            TaskType = "omni_video_generation",
            Fields = [Pin("version", "3.0"), Prompt(2500), Choice("resolution", ["720p", "1080p"]) with { Default = "720p" }, duration, aspectRatio, audio],
            Price = PerSecond(
                0.15m,
                Rule(0.20m, ("resolution", "720p"), ("enable_audio", "true")),
                Rule(0.20m, ("resolution", "1080p"), ("enable_audio", "false")),
                Rule(0.30m, ("resolution", "1080p"), ("enable_audio", "true"))),
            VideoPath = "video",
            CanCancel = true,
            Unverified = ["the price (its table was stored beside the omni example on the Kling 3.0 page)", "the duration range (3 to 15 assumed)"],
        };
        yield return new CatalogEntry
        {
            Id = "kling-legacy",
            Family = "Kling 1.x",
            Model = "kling",
            TaskType = "video_generation",
            Fields =
            [
                Pin("version", "1.0", "1.5", "1.6"),
                Prompt(2500),
                Text("negative_prompt", 2500),
                new InputField("cfg_scale", InputKind.Number) { Min = 0, Max = 1 },
                new InputField("duration", InputKind.Integer) { Allowed = ["5", "10"], Default = "5" },
                aspectRatio,
                Choice("mode", ["std", "pro"]),
                Url("image_url"),
                Url("image_tail_url"),
                new InputField("camera_control", InputKind.Object),
            ],
            VideoPath = "works[].video.resource_without_watermark",
            PosterPath = "works[].cover.resource_without_watermark",
            CanCancel = true,
            Unverified = ["the price (not captured from the docs)"],
        };
    }

    private static IEnumerable<CatalogEntry> Seedance()
    {
        string[] unverified = ["the output path (not found in the docs; third-party code reads output.video or output.video_url, both are tried)"];
        foreach (var (suffix, name, resolutions, prices) in new[]
        {
            ("", "Seedance 2", new[] { "480p", "720p", "1080p" }, new[] { 0.10m, 0.20m, 0.50m }),
            ("-fast", "Seedance 2 Fast", ["480p", "720p"], [0.08m, 0.16m]),
        })
        {
            yield return new CatalogEntry
            {
                Id = $"seedance-2{suffix}",
                Family = name,
                Model = "seedance",
                TaskType = $"seedance-2{suffix}",
                Fields =
                [
                    Prompt(4000),
                    new InputField("duration", InputKind.Integer) { Min = 4, Max = 15, Default = "5" },
                    Choice("aspect_ratio", ["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"]),
                    Choice("resolution", resolutions) with { Default = "720p" },
                    Choice("mode", ["text_to_video", "first_last_frames", "omni_reference"]),
                    UrlList("image_urls", 12),
                    UrlList("video_urls", 12),
                    UrlList("audio_urls", 12),
                ],
                Price = PerSecond(prices[0], [.. resolutions.Skip(1).Select((resolution, i) => Rule(prices[i + 1], ("resolution", resolution)))]),
                Unverified = unverified,
            };
        }
    }

    private static IEnumerable<CatalogEntry> Hailuo()
    {
        string[] unverified = ["the output path (the docs show only a pending shell with video_url, download_url and cover_url)"];
        foreach (var (subModel, prompt, image, usd) in new[]
        {
            ("t2v-01", true, false, 0.20m),
            ("t2v-01-director", true, false, 0.20m),
            ("i2v-01", false, true, 0.20m),
            ("i2v-01-live", false, true, 0.20m),
            ("s2v-01", true, true, 0.30m),
        })
        {
            List<InputField> fields = [Pin("model", subModel), Prompt(2000) with { Required = prompt }, new InputField("expand_prompt", InputKind.Boolean)];
            if (image)
            {
                fields.Add(Url("image_url") with { Required = true });
            }

            yield return new CatalogEntry
            {
                Id = $"hailuo-{subModel}",
                Family = $"Hailuo {subModel}",
                Model = "hailuo",
                TaskType = "video_generation",
                Fields = fields,
                Price = new ModelPrice(PriceUnit.PerCall, usd),
                VideoPath = "video_url",
                PosterPath = "cover_url",
                Unverified = unverified,
            };
        }
    }

    private static CatalogEntry Luma() => new()
    {
        Id = "luma",
        Family = "Luma Dream Machine",
        Model = "luma",
        TaskType = "video_generation",
        Fields = [Prompt(4000), Choice("aspect_ratio", ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "9:21"]), new InputField("key_frames", InputKind.Object)],
        VideoPath = "video.url",
        PosterPath = "thumbnail.url",
        CanCancel = true,
        Unverified = ["the price (not captured from the docs)", "the allowed aspect ratios (not found in the docs)"],
    };

    /// <summary>Shipped disabled: its docs pages were not captured, so every fact is a lead (operators enable it through settings).</summary>
    private static IEnumerable<CatalogEntry> Wan()
    {
        string[] unverified = ["the inputs, price and output path (the doc pages were not captured; third-party code only)"];
        foreach (var (kind, name, image) in new[] { ("txt2video", "text to video", false), ("img2video", "image to video", true) })
        {
            List<InputField> fields =
            [
                Prompt(4000),
                new InputField("duration", InputKind.Integer) { Allowed = ["5", "10", "15"], Default = "5" },
                Choice("resolution", ["720P", "1080P"]),
            ];
            if (image)
            {
                fields.Add(Url("image") with { Required = true });
            }

            yield return new CatalogEntry
            {
                Id = $"wan-2.6-{kind}",
                Family = $"Wan 2.6 {name}",
                Model = "Wan",
                TaskType = $"wan26-{kind}",
                Fields = fields,
                VideoPath = "video_url",
                Enabled = false,
                Unverified = unverified,
            };
        }
    }
}
