using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Every family end to end over HTTP: create, completed output in the family's own shape, usage, and the files it links.</summary>
public sealed class FamilyOutputTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [MemberData(nameof(FamilyRequests.Families), MemberType = typeof(FamilyRequests))]
    public async Task Each_family_completes_with_its_own_output_and_downloadable_files(string family)
    {
        var expected = Expectations[family];
        var body = FamilyRequests.Valid(family, $"a {family} scene");
        var (status, created) = await FamilyRequests.PostAsync(simulator.Client, body);
        Assert.Equal(HttpStatusCode.OK, status);
        var pending = created.GetProperty("data");
        var taskId = pending.GetProperty("task_id").GetString()!;

        Assert.Equal(body["model"]!.GetValue<string>(), pending.GetProperty("model").GetString());
        Assert.Equal(body["task_type"]!.GetValue<string>(), pending.GetProperty("task_type").GetString());
        Assert.True(JsonNode.DeepEquals(body["input"], JsonNode.Parse(pending.GetProperty("input").GetRawText())), pending.GetProperty("input").GetRawText());
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(expected.PendingOutput, Shape(pending.GetProperty("output")));
        var usage = pending.GetProperty("meta").GetProperty("usage");
        Assert.Equal(expected.UsageType, usage.GetProperty("type").GetString());
        Assert.Equal(family == "sora2" ? (0, expected.Price) : (expected.Price, 0L), (usage.GetProperty("frozen").GetInt64(), usage.GetProperty("consume").GetInt64()));

        var completed = await simulator.WaitForStatusAsync(taskId, "completed");

        var output = completed.GetProperty("output");
        Assert.Equal(expected.CompletedKeys, string.Join(",", output.EnumerateObject().Select(property => property.Name)));
        var done = completed.GetProperty("meta").GetProperty("usage");
        Assert.Equal(expected.Price, done.GetProperty("consume").GetInt64());
        Assert.Equal(family == "sora2" ? 0 : expected.Price, done.GetProperty("frozen").GetInt64());

        var videos = expected.Videos(output);
        Assert.Equal(new Uri(simulator.BaseUri, $"files/{taskId}.mp4").AbsoluteUri, videos[0]);
        Assert.Equal(videos.Count, videos.Distinct().Count());
        var hashes = new List<string>();
        foreach (var video in videos)
        {
            hashes.Add(await DownloadVideoAsync(video));
        }

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        if (expected.Cover(output) is { } cover)
        {
            Assert.Equal(new Uri(simulator.BaseUri, $"files/{taskId}.png").AbsoluteUri, cover);
            using var response = await simulator.Anonymous.GetAsync(cover);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((64, 36), PngCheck.Read(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task Webhooks_carry_the_family_shapes_from_the_shell_to_the_video()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-3.0", "a hooked shot", receiver.Endpoint));

        var webhooks = await receiver.WaitForAsync(3);

        Assert.Equal(["pending", "processing", "completed"], webhooks.Select(webhook => webhook.Status));
        var outputs = webhooks.Select(webhook => webhook.Root.GetProperty("data").GetProperty("output").GetRawText()).ToList();
        Assert.Equal(["""{"video":""}""", """{"video":""}""", $$"""{"video":"{{new Uri(simulator.BaseUri, $"files/{taskId}.mp4").AbsoluteUri}}"}"""], outputs);
        Assert.All(webhooks, webhook => Assert.Equal("kling", webhook.Root.GetProperty("data").GetProperty("model").GetString()));
        Assert.Equal("point", webhooks[2].Root.GetProperty("data").GetProperty("meta").GetProperty("usage").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Legacy_kling_gives_two_works_each_with_a_watermarked_resource_and_a_clean_one()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-legacy", "two takes"));

        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        Assert.Equal("m2v_txt2video_hq", output.GetProperty("type").GetString());
        Assert.Equal(99, output.GetProperty("status").GetInt32());
        var works = output.GetProperty("works").EnumerateArray().ToList();
        Assert.Equal(2, works.Count);
        Assert.Equal(
            [$"files/{taskId}.mp4", $"files/{taskId}-2.mp4"],
            works.Select(work => work.GetProperty("video").GetProperty("resource_without_watermark").GetString()![simulator.BaseUri.AbsoluteUri.Length..]));
        foreach (var work in works)
        {
            var video = work.GetProperty("video");
            Assert.Equal(video.GetProperty("resource_without_watermark").GetString() + "?watermark=1", video.GetProperty("resource").GetString());
            Assert.Equal((192, 108, 3000), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32(), video.GetProperty("duration").GetInt32()));
            Assert.Equal(await DownloadVideoAsync(video.GetProperty("resource_without_watermark").GetString()!), await DownloadVideoAsync(video.GetProperty("resource").GetString()!));
            Assert.EndsWith($"files/{taskId}.png", work.GetProperty("cover").GetProperty("resource_without_watermark").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_second_video_plays_and_ffmpeg_decodes_the_cover()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-legacy", "decodable [sim:size=100000]"));
        await simulator.WaitForStatusAsync(taskId, "completed");

        var second = await MediaProbe.ReadAsync(await simulator.Anonymous.GetByteArrayAsync($"files/{taskId}-2.mp4"));
        var cover = await simulator.Anonymous.GetByteArrayAsync($"files/{taskId}.png");

        Assert.Equal(("h264", 192, 108, 36), (second.Codec, second.Width, second.Height, second.Frames));
        await MediaProbe.DecodeAsync(cover);
        Assert.Equal(64 * 36 * 3 / 2, (await MediaProbe.DecodeFramesAsync(cover)).Length);
    }

    [Fact]
    public async Task The_cover_is_the_same_png_every_time_and_differs_between_tasks()
    {
        var first = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("luma", "a first cover"));
        var second = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("luma", "a second cover"));

        var a = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.png");
        var again = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.png");
        var b = await simulator.Anonymous.GetByteArrayAsync($"files/{second}.png");
        using var head = await simulator.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"files/{first}.png"));
        using var unknown = await simulator.Anonymous.GetAsync($"files/{Guid.NewGuid()}.png");

        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        Assert.Equal(a.Length, head.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Hailuo_fills_its_shell_on_completion()
    {
        var body = FamilyRequests.Body("hailuo", "video_generation", new() { ["model"] = "i2v-01", ["image_url"] = "https://example.com/face.png" });
        var (_, created) = await FamilyRequests.PostAsync(simulator.Client, body);
        var shell = created.GetProperty("data").GetProperty("output");
        var taskId = created.GetProperty("data").GetProperty("task_id").GetString()!;

        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        Assert.Equal((0, "", "", ""), (shell.GetProperty("percent").GetInt32(), shell.GetProperty("video_url").GetString(), shell.GetProperty("download_url").GetString(), shell.GetProperty("cover_url").GetString()));
        Assert.Equal(100, output.GetProperty("percent").GetInt32());
        Assert.Equal(output.GetProperty("video_url").GetString(), output.GetProperty("download_url").GetString());
        Assert.Equal("https://example.com/face.png", output.GetProperty("prompt_img_url").GetString());
        Assert.Equal("i2v-01", output.GetProperty("model_id").GetString());
    }

    private async Task<string> DownloadVideoAsync(string url)
    {
        using var response = await simulator.Anonymous.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SimulatorFixture.DefaultVideoSize, bytes.Length);
        var fileId = new Uri(url).Segments[^1][..^".mp4".Length];
        Assert.Equal(simulator.Ledger.ExpectedVideo(fileId).Sha256, SHA256.HashData(bytes));
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    private static string Shape(JsonElement output) => output.ValueKind == JsonValueKind.Null ? "null" : output.GetRawText();

    private const string HailuoShell =
        """{"percent":0,"cover_url":"","video_url":"","download_url":"","desc":"","prompt_img_url":"","status":0,"user_origin_prompt":"","width":0,"height":0,"model_id":"","message":""}""";

    private static readonly Func<JsonElement, string?> NoCover = _ => null;

    private static readonly Dictionary<string, Expectation> Expectations = new()
    {
        ["sora2"] = new("llm", 9_600_000, "null", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["veo3"] = new("llm", 19_200_000, "null", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["veo3.1"] = new("llm", 4_800_000, "null", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["kling-3.0"] = new("point", 5_000_000, """{"video":""}""", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["kling-omni"] = new("point", 4_500_000, """{"video":""}""", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["kling-legacy"] = new(
            "point",
            2_500_000,
            "null",
            "type,status,works",
            o => [.. o.GetProperty("works").EnumerateArray().Select(work => work.GetProperty("video").GetProperty("resource_without_watermark").GetString()!)],
            o => o.GetProperty("works")[0].GetProperty("cover").GetProperty("resource_without_watermark").GetString()),
        ["seedance-2"] = new("llm", 10_000_000, "null", "video", o => [o.GetProperty("video").GetString()!], NoCover),
        ["hailuo"] = new(
            "point",
            2_000_000,
            HailuoShell,
            "percent,cover_url,video_url,download_url,desc,prompt_img_url,status,user_origin_prompt,width,height,model_id,message",
            o => [o.GetProperty("video_url").GetString()!],
            o => o.GetProperty("cover_url").GetString()),
        ["luma"] = new(
            "llm",
            2_000_000,
            "null",
            "video,video_raw,thumbnail,last_frame",
            o => [o.GetProperty("video").GetProperty("url").GetString()!],
            o => o.GetProperty("thumbnail").GetProperty("url").GetString()),
        ["wan-txt2video"] = new("llm", 5_000_000, "null", "video_url", o => [o.GetProperty("video_url").GetString()!], NoCover),
        ["wan-img2video"] = new("llm", 5_000_000, "null", "video_url", o => [o.GetProperty("video_url").GetString()!], NoCover),
    };

    private sealed record Expectation(
        string UsageType,
        long Price,
        string PendingOutput,
        string CompletedKeys,
        Func<JsonElement, IReadOnlyList<string>> Videos,
        Func<JsonElement, string?> Cover);
}
