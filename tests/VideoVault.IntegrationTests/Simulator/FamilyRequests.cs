using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Create bodies for every video family the simulator plays, as the vendor examples write them.</summary>
public static class FamilyRequests
{
    /// <summary>The family names <see cref="Valid"/> knows.</summary>
    public static TheoryData<string> Families { get; } =
    [
        "sora2", "veo3", "veo3.1", "kling-3.0", "kling-omni", "kling-legacy", "seedance-2", "hailuo", "luma", "wan-txt2video", "wan-img2video",
    ];

    public static JsonObject Body(string model, string taskType, JsonObject input, Uri? webhook = null) => new()
    {
        ["model"] = model,
        ["task_type"] = taskType,
        ["input"] = input,
        ["config"] = new JsonObject
        {
            ["service_mode"] = "public",
            ["webhook_config"] = new JsonObject { ["endpoint"] = webhook?.AbsoluteUri ?? "", ["secret"] = "k" },
        },
    };

    /// <summary>A body each family accepts, modelled on its vendor example.</summary>
    public static JsonObject Valid(string family, string prompt, Uri? webhook = null) => family switch
    {
        "sora2" => Body("sora2", "sora2-pro-video", new() { ["prompt"] = prompt, ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 }, webhook),
        "veo3" => Body("veo3", "veo3-video", new()
        {
            ["image_url"] = "https://example.com/first.png", ["prompt"] = prompt, ["aspect_ratio"] = "auto", ["duration"] = "8s", ["resolution"] = "720p", ["generate_audio"] = true,
        }, webhook),
        "veo3.1" => Body("veo3.1", "veo3.1-video-fast", new()
        {
            ["prompt"] = prompt, ["negative_prompt"] = "static background", ["aspect_ratio"] = "16:9", ["duration"] = "8s", ["resolution"] = "720p", ["generate_audio"] = false,
        }, webhook),
        "kling-3.0" => Body("kling", "video_generation", new()
        {
            ["prompt"] = prompt, ["duration"] = 5, ["aspect_ratio"] = "16:9", ["enable_audio"] = false, ["prefer_multi_shots"] = false, ["mode"] = "std", ["version"] = "3.0",
        }, webhook),
        "kling-omni" => Body("kling", "omni_video_generation", new()
        {
            ["prompt"] = prompt, ["version"] = "3.0", ["resolution"] = "720p", ["duration"] = 3, ["aspect_ratio"] = "16:9", ["enable_audio"] = false,
        }, webhook),
        "kling-legacy" => Body("kling", "video_generation", new()
        {
            ["prompt"] = prompt, ["negative_prompt"] = "blur", ["cfg_scale"] = 0.5, ["duration"] = 5, ["aspect_ratio"] = "16:9", ["mode"] = "std", ["version"] = "1.6",
        }, webhook),
        "seedance-2" => Body("seedance", "seedance-2", new()
        {
            ["prompt"] = prompt, ["duration"] = 5, ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["mode"] = "text_to_video",
        }, webhook),
        "hailuo" => Body("hailuo", "video_generation", new() { ["model"] = "t2v-01", ["prompt"] = prompt, ["expand_prompt"] = true }, webhook),
        "luma" => Body("luma", "video_generation", new() { ["prompt"] = prompt, ["aspect_ratio"] = "16:9" }, webhook),
        "wan-txt2video" => Body("Wan", "wan26-txt2video", new() { ["prompt"] = prompt, ["duration"] = 5, ["resolution"] = "720p" }, webhook),
        "wan-img2video" => Body("Wan", "wan26-img2video", new() { ["prompt"] = prompt, ["image_url"] = "https://example.com/start.png", ["duration"] = 5 }, webhook),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "no such family"),
    };

    /// <summary>POSTs <paramref name="body"/> and returns the status and the parsed answer.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonElement Root)> PostAsync(HttpClient client, JsonNode body)
    {
        using var response = await client.PostAsJsonAsync("api/v1/task", body);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Creates a task (asserting 200) and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, JsonNode body)
    {
        var (status, root) = await PostAsync(client, body);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"create answered {(int)status}: {root}");
        return root.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
