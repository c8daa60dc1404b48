using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// Every family of the catalog end to end on the stack: submitted through the API, played by the simulator in its own
/// request and output shapes, the webhook received, the right bytes archived, and a poster where the family has one.
/// </summary>
public sealed class ModelFamilyTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Theory]
    [InlineData("sora2-video", """{"model":"sora2","task_type":"sora2-video","input":{"aspect_ratio":"9:16","duration":8}}""", false)]
    [InlineData("sora2-pro-video", """{"model":"sora2","task_type":"sora2-pro-video","input":{"resolution":"720p","duration":4}}""", false)]
    [InlineData("veo3.1-video", """{"model":"veo3.1","task_type":"veo3.1-video","input":{"duration":"8s","resolution":"720p","generate_audio":false}}""", false)]
    [InlineData("veo3.1-video-fast", """{"model":"veo3.1","task_type":"veo3.1-video-fast","input":{"duration":"4s"}}""", false)]
    [InlineData("veo3-video", """{"model":"veo3","task_type":"veo3-video","input":{"aspect_ratio":"16:9"}}""", false)]
    [InlineData("veo3-video-fast", """{"model":"veo3","task_type":"veo3-video-fast","input":{}}""", false)]
    [InlineData("kling-3.0", """{"model":"kling","task_type":"video_generation","input":{"version":"3.0","duration":5,"mode":"std"}}""", false)]
    [InlineData("kling-3.0-omni", """{"model":"kling","task_type":"omni_video_generation","input":{"version":"3.0","resolution":"720p","duration":3}}""", false)]
    [InlineData("kling-legacy", """{"model":"kling","task_type":"video_generation","input":{"version":"1.6","duration":5,"mode":"std"}}""", true)]
    [InlineData("seedance-2", """{"model":"seedance","task_type":"seedance-2","input":{"duration":5,"resolution":"720p"}}""", false)]
    [InlineData("seedance-2-fast", """{"model":"seedance","task_type":"seedance-2-fast","input":{"duration":4}}""", false)]
    [InlineData("hailuo-t2v-01", """{"model":"hailuo","task_type":"video_generation","input":{"model":"t2v-01"}}""", true)]
    [InlineData("luma", """{"model":"luma","task_type":"video_generation","input":{"aspect_ratio":"16:9"}}""", true)]
    public async Task A_task_of_each_family_is_archived_with_its_bytes_and_its_poster(string entry, string body, bool hasPoster)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Body(body, Prompt()))));

        Assert.Equal(("archived", entry), (Status(task), task.GetProperty("catalog_entry").GetString()));
        var expected = Stack.Ledger.ExpectedVideo(task.GetProperty("piapi_task_id").GetString()!);
        var video = task.GetProperty("video");
        using var download = new HttpClient();
        Assert.Equal(expected.Sha256, SHA256.HashData(await download.GetByteArrayAsync(video.GetProperty("url").GetString())));
        Assert.Equal(hasPoster, video.TryGetProperty("poster_url", out var poster));
        if (hasPoster)
        {
            using var image = await download.GetAsync(poster.GetString());
            Assert.True(image.IsSuccessStatusCode);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            Assert.EndsWith($"/{Id(task)}.poster.png", video.GetProperty("poster_blob_name").GetString());
        }
    }

    [Fact]
    public async Task The_first_of_several_legacy_kling_videos_is_archived_and_the_count_kept()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Body("""{"model":"kling","task_type":"video_generation","input":{"version":"1.0"}}""", Prompt()))));

        Assert.Equal("archived", Status(task));
        Assert.Equal(2, task.GetProperty("video").GetProperty("source_videos").GetInt32());
        Assert.Equal(2, (await Stack.BlobsAsync()).Count);
    }

    [Theory]
    [InlineData("video")]
    [InlineData("video.url")]
    [InlineData("video_url")]
    [InlineData("download_url")]
    [InlineData("works")]
    [InlineData("works-resource")]
    [InlineData("generation")]
    public async Task Every_known_output_shape_is_archived(string shape)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt($"[sim:output={shape}]"))));

        Assert.Equal("archived", Status(task));
        var expected = Stack.Ledger.ExpectedVideo(task.GetProperty("piapi_task_id").GetString()!);
        Assert.Equal(Convert.ToHexStringLower(expected.Sha256), task.GetProperty("video").GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("empty")]
    public async Task A_completed_output_without_a_recognisable_video_ends_archive_failed_naming_the_paths(string shape)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt($"[sim:output={shape}]"))));

        Assert.Equal("archive_failed", Status(task));
        var error = task.GetProperty("error").GetString()!;
        Assert.StartsWith("PiAPI reported the task completed, but its output has no video URL at any known path (tried output.video, output.video.url, output.video_url", error, StringComparison.Ordinal);
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Theory]
    [InlineData("html")]
    [InlineData("500")]
    public async Task A_broken_cover_never_fails_the_task(string fault)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Body("""{"model":"hailuo","task_type":"video_generation","input":{"model":"t2v-01"}}""", Prompt($"[sim:cover={fault}]")))));

        Assert.Equal("archived", Status(task));
        Assert.False(task.GetProperty("video").TryGetProperty("poster_url", out _));
        Assert.Single(await Stack.BlobsAsync());
    }

    [Fact]
    public async Task The_view_keeps_the_input_as_piapi_got_it()
    {
        var prompt = Prompt();
        var task = await Stack.GetTaskAsync(Id(await Stack.SubmitAsync(Body("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"duration":"8s","generate_audio":true}}""", prompt))));

        Assert.Equal(
            $$"""{"prompt":"{{prompt}}","duration":"8s","generate_audio":true}""",
            task.GetProperty("input").GetRawText());
    }

    private static JsonObject Body(string json, string prompt)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["input"]!.AsObject()["prompt"] = prompt;
        return body;
    }
}
