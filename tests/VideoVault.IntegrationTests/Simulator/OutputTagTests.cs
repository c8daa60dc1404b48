using System.Net;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary><c>[sim:output=...]</c> forces one output shape whatever the family; <c>[sim:cover=...]</c> breaks the cover.</summary>
public sealed class OutputTagTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("sora2", "video", """{"video":"{v}"}""")]
    [InlineData("hailuo", "video.url", """{"video":{"url":"{v}"}}""")]
    [InlineData("sora2", "video_url", """{"video_url":"{v}"}""")]
    [InlineData("veo3", "download_url", """{"download_url":"{v}"}""")]
    [InlineData("seedance-2", "generation", """{"generation":{"video":{"url":"{v}"}}}""")]
    [InlineData("kling-3.0", "none", """{"foo":"bar"}""")]
    [InlineData("sora2", "empty", """{"video":""}""")]
    [InlineData("wan-txt2video", "empty", """{"video_url":""}""")]
    [InlineData("luma", "empty", """{"video":{"url":"","width":192,"height":108},"video_raw":{"url":"","width":192,"height":108},"thumbnail":{"url":"","width":64,"height":36},"last_frame":{"url":"","width":64,"height":36}}""")]
    [InlineData("luma", "works-resource", """{"type":"m2v_txt2video_hq","status":99,"works":[{"cover":{"resource":"{c}","width":64,"height":36,"duration":0},"video":{"resource":"{v}","width":192,"height":108,"duration":3000}},{"cover":{"resource":"{c}","width":64,"height":36,"duration":0},"video":{"resource":"{v2}","width":192,"height":108,"duration":3000}}]}""")]
    public async Task The_output_tag_forces_the_completed_shape(string family, string shape, string expected)
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid(family, $"a forced shape [sim:output={shape}]"));

        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        var files = new Uri(simulator.BaseUri, "files/").AbsoluteUri + taskId;
        var wanted = expected.Replace("{v2}", files + "-2.mp4", StringComparison.Ordinal)
            .Replace("{v}", files + ".mp4", StringComparison.Ordinal)
            .Replace("{c}", files + ".png", StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(wanted), JsonNode.Parse(output.GetRawText())), output.GetRawText());
    }

    [Fact]
    public async Task Works_on_any_family_links_two_downloadable_videos_without_watermark()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("sora2", "works everywhere [sim:output=works]"));

        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        var clean = output.GetProperty("works").EnumerateArray().Select(work => work.GetProperty("video").GetProperty("resource_without_watermark").GetString()!).ToList();
        Assert.Equal([$"files/{taskId}.mp4", $"files/{taskId}-2.mp4"], clean.Select(url => new Uri(url).AbsolutePath.TrimStart('/')));
        var first = await simulator.Anonymous.GetByteArrayAsync(clean[0]);
        var second = await simulator.Anonymous.GetByteArrayAsync(clean[1]);
        Assert.NotEqual(first, second);
        Assert.Equal(simulator.Ledger.ExpectedVideo($"{taskId}-2").Sha256, System.Security.Cryptography.SHA256.HashData(second));
    }

    [Fact]
    public async Task Empty_legacy_works_keep_their_layout_with_empty_urls()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-legacy", "nothing inside [sim:output=empty]"));

        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        var works = output.GetProperty("works").EnumerateArray().ToList();
        Assert.Equal(2, works.Count);
        Assert.All(works, work => Assert.All(
            new[] { work.GetProperty("video"), work.GetProperty("cover") },
            part => Assert.Equal(("", ""), (part.GetProperty("resource").GetString(), part.GetProperty("resource_without_watermark").GetString()))));
    }

    [Theory]
    [InlineData("html", HttpStatusCode.OK, "text/html")]
    [InlineData("500", HttpStatusCode.InternalServerError, null)]
    public async Task The_cover_tag_breaks_only_the_cover(string fault, HttpStatusCode status, string? mediaType)
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("hailuo", $"a broken poster [sim:cover={fault}]"));
        var output = (await simulator.WaitForStatusAsync(taskId, "completed")).GetProperty("output");

        using var cover = await simulator.Anonymous.GetAsync(output.GetProperty("cover_url").GetString());
        using var video = await simulator.Anonymous.GetAsync(output.GetProperty("video_url").GetString());

        Assert.Equal(status, cover.StatusCode);
        Assert.Equal(mediaType, cover.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("[sim:output=video_link]", "output")]
    [InlineData("[sim:output]", "output")]
    [InlineData("[sim:cover=404]", "cover")]
    [InlineData("[sim:hold=soon]", "hold")]
    public async Task Bad_values_of_the_new_tags_are_400(string tag, string named)
    {
        var (status, answer) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("luma", $"a typo {tag}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"[sim:{named}", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
