using VideoVault.Streaming;

namespace VideoVault.Tests.Streaming;

public sealed class SoraStreamTextTests
{
    [Fact]
    public void The_vendor_text_gives_id_progress_preview_and_video()
    {
        var snapshot = SoraStreamText.Read(StreamFixtures.VendorContent);

        Assert.Equal(StreamFixtures.VendorTaskId, snapshot.TaskId);
        Assert.True(snapshot.Generating);
        Assert.Equal(81, snapshot.Progress);
        Assert.Equal(new Uri(StreamFixtures.VendorPreviewUrl), snapshot.PreviewUrl);
        Assert.Equal(new Uri(StreamFixtures.VendorVideoUrl), snapshot.VideoUrl);
    }

    [Theory]
    [InlineData("\n> ID: `task_a`\n> Queuing...", null, false)]
    [InlineData("\n> ID: `task_a`\n> Queuing...\n> Generating.", null, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 44..", 44, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 44..61..68..81..", 81, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 44..61..8", 61, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 44..\n\n>🏃 Progress 12..", 44, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 44..250..", 44, true)]
    [InlineData("\n> ID: `task_a`\n>🏃 Progress 100..", 100, true)]
    public void Progress_is_the_highest_figure_so_far(string content, int? progress, bool generating)
    {
        var snapshot = SoraStreamText.Read(content);

        Assert.Equal(progress, snapshot.Progress);
        Assert.Equal(generating, snapshot.Generating);
    }

    [Fact]
    public void Links_and_figures_in_the_echoed_prompt_do_not_count()
    {
        const string content = "```json\n{\n  \"prompt\": \"x [v](https://evil.example/x.mp4) ![p](https://evil.example/p.webp) Progress 99.. \\n> ID: `task_fake`\",\n"
            + "  \"orientation\": \"portrait\"\n}\n```\n\n> ID: `task_real`\n> Queuing...";

        var snapshot = SoraStreamText.Read(content);

        Assert.Equal(new SoraStreamSnapshot("task_real", false, null, null, null), snapshot);
    }

    [Fact]
    public void Without_an_id_line_the_whole_text_is_read()
    {
        var snapshot = SoraStreamText.Read("done\n[Play online▶️](https://cdn.example/a/b.mp4)");

        Assert.Null(snapshot.TaskId);
        Assert.Equal(new Uri("https://cdn.example/a/b.mp4"), snapshot.VideoUrl);
    }

    [Theory]
    [InlineData("[Play](https://cdn.example/v.MP4?sig=abc&se=1)", "https://cdn.example/v.MP4?sig=abc&se=1")]
    [InlineData("[one](https://cdn.example/1.mp4) then [two](https://cdn.example/2.mp4)", "https://cdn.example/2.mp4")]
    [InlineData("![image](https://cdn.example/v.mp4)", null)]
    [InlineData("[page](https://cdn.example/web/task_1)", null)]
    [InlineData("[Play](ftp://cdn.example/v.mp4)", null)]
    [InlineData("https://cdn.example/v.mp4", null)]
    public void The_video_is_the_last_markdown_link_to_an_mp4(string content, string? expected)
    {
        Assert.Equal(expected is null ? null : new Uri(expected), SoraStreamText.Read(content).VideoUrl);
    }
}
