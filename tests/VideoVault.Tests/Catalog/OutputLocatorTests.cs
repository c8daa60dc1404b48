using System.Text.Json;
using VideoVault.Catalog;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Catalog;

/// <summary>Every output shape PiAPI's families are known to use, and the ones that hold no video.</summary>
public sealed class OutputLocatorTests
{
    [Theory]
    [InlineData("""{"video":"https://cdn.example/a.mp4"}""")]
    [InlineData("""{"video":{"url":"https://cdn.example/a.mp4","width":1280}}""")]
    [InlineData("""{"video_url":"https://cdn.example/a.mp4","download_url":""}""")]
    [InlineData("""{"video_url":"","download_url":"https://cdn.example/a.mp4"}""")]
    [InlineData("""{"works":[{"video":{"resource":"https://cdn.example/b.mp4","resource_without_watermark":"https://cdn.example/a.mp4"}}]}""")]
    [InlineData("""{"works":[{"video":{"resource":"https://cdn.example/a.mp4","resource_without_watermark":""}}]}""")]
    [InlineData("""{"generation":{"video":{"url":"https://cdn.example/a.mp4"}}}""")]
    public void Each_known_shape_gives_the_video(string output)
    {
        var located = OutputLocator.Locate(null, Json(output));

        Assert.Equal(new Uri("https://cdn.example/a.mp4"), located.Video);
        Assert.Equal(1, located.VideoCount);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"video":""}""")]
    [InlineData("""{"video":{"url":""},"video_url":"","download_url":"","works":[]}""")]
    [InlineData("""{"foo":"https://cdn.example/a.mp4"}""")]
    [InlineData("""{"video":"not a url"}""")]
    public void An_output_without_a_recognisable_video_names_every_path_tried(string output)
    {
        var located = OutputLocator.Locate(TestCatalog.Default.Find("luma"), Json(output));

        Assert.Null(located.Video);
        Assert.Equal(
            "PiAPI reported the task completed, but its output has no video URL at any known path (tried output.video.url, output.video, output.video_url, output.download_url, "
            + "output.works[].video.resource_without_watermark, output.works[].video.resource, output.generation.video.url).",
            located.NoVideoReason);
    }

    [Fact]
    public void Legacy_kling_gives_the_first_work_its_cover_and_the_count()
    {
        var output = """
            {"type":"m2v_txt2video_hq","status":99,"works":[
              {"cover":{"resource":"https://cdn.example/c1.png","resource_without_watermark":"https://cdn.example/c1-clean.png"},
               "video":{"resource":"https://cdn.example/v1.mp4","resource_without_watermark":"https://cdn.example/v1-clean.mp4","duration":5100}},
              {"cover":{"resource":"https://cdn.example/c2.png"},"video":{"resource":"https://cdn.example/v2.mp4"}}]}
            """;

        var located = OutputLocator.Locate(TestCatalog.Default.Find("kling-legacy"), Json(output));

        Assert.Equal((new Uri("https://cdn.example/v1-clean.mp4"), new Uri("https://cdn.example/c1-clean.png"), 2), (located.Video, located.Poster, located.VideoCount));
    }

    [Theory]
    [InlineData("hailuo-t2v-01", """{"video_url":"https://cdn.example/a.mp4","cover_url":"https://cdn.example/c.jpg"}""")]
    [InlineData("luma", """{"video":{"url":"https://cdn.example/a.mp4"},"thumbnail":{"url":"https://cdn.example/c.jpg"}}""")]
    [InlineData(null, """{"video":"https://cdn.example/a.mp4","thumbnail":"https://cdn.example/c.jpg"}""")]
    public void A_cover_or_thumbnail_is_found_as_the_poster(string? entry, string output)
    {
        var located = OutputLocator.Locate(TestCatalog.Default.Find(entry), Json(output));

        Assert.Equal((new Uri("https://cdn.example/a.mp4"), new Uri("https://cdn.example/c.jpg")), (located.Video, located.Poster));
    }

    [Fact]
    public void The_entry_path_wins_over_the_known_order()
    {
        var output = """{"video":"https://cdn.example/preview.mp4","video_url":"https://cdn.example/a.mp4"}""";

        Assert.Equal(new Uri("https://cdn.example/a.mp4"), OutputLocator.Locate(TestCatalog.Default.Find("hailuo-t2v-01"), Json(output)).Video);
        Assert.Equal(new Uri("https://cdn.example/preview.mp4"), OutputLocator.Locate(null, Json(output)).Video);
    }

    [Theory]
    [InlineData("video", true)]
    [InlineData("works[].video.resource", true)]
    [InlineData("a.b.c", true)]
    [InlineData("", false)]
    [InlineData("video..url", false)]
    [InlineData("works[0].video", false)]
    [InlineData("wo[rks.video", false)]
    public void Output_paths_are_checked(string path, bool valid) => Assert.Equal(valid, OutputPath.IsValid(path));

    private static JsonElement Json(string json) => JsonElement.Parse(json);
}
