using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Faults;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class FaultSpecTests
{
    [Fact]
    public void A_prompt_without_tags_has_no_faults()
    {
        Assert.Equal(FaultSpec.None, FaultSpec.Parse("a dog running on the beach [not a tag] sim:fail"));
    }

    [Fact]
    public void Separate_and_comma_separated_tags_combine()
    {
        var spec = FaultSpec.Parse("a cat [sim:fail] [sim:size=10485760] and [SIM:Dup, reorder ,webhookdelay=250]");

        Assert.True(spec.Fail);
        Assert.Equal(10485760, spec.VideoSize);
        Assert.True(spec.DuplicateWebhooks);
        Assert.True(spec.ReorderWebhooks);
        Assert.Equal(TimeSpan.FromMilliseconds(250), spec.WebhookDelay);
        Assert.False(spec.NoWebhooks);
        Assert.Null(spec.VideoBytesPerSecond);
    }

    [Fact]
    public void Every_tag_maps_to_its_property()
    {
        var spec = FaultSpec.Parse(
            "[sim:submit429=2,submit500=3,unauthorized,submitdelay=700,nowebhook,slow=1000,truncate,html,videofail=4,stall,delay=1500,cut,nolink,finish=length]");

        Assert.Equal(
            FaultSpec.None with
            {
                Submit429Count = 2,
                Submit500Count = 3,
                Unauthorized = true,
                SubmitAnswerDelay = TimeSpan.FromMilliseconds(700),
                NoWebhooks = true,
                VideoBytesPerSecond = 1000,
                TruncateVideo = true,
                HtmlVideo = true,
                VideoFailureCount = 4,
                Stall = true,
                CompletionDelay = TimeSpan.FromMilliseconds(1500),
                CutStream = true,
                NoLink = true,
                FinishReason = "length",
            },
            spec);
    }

    [Fact]
    public void The_family_tags_map_to_their_properties()
    {
        Assert.Equal(
            FaultSpec.None with { PendingHold = TimeSpan.FromMilliseconds(2500), ForcedOutput = OutputShape.WorksResource, Cover = CoverFault.Html },
            FaultSpec.Parse("[sim:hold=2500,output=works-resource,cover=HTML]"));
        Assert.Equal(FaultSpec.LongestHold, FaultSpec.Parse("[sim:hold]").PendingHold);
        Assert.Equal(CoverFault.ServerError, FaultSpec.Parse("[sim:cover=500]").Cover);
        Assert.Equal(
            ["video", "video.url", "video_url", "download_url", "works", "works-resource", "generation", "empty", "none"],
            FaultSpec.OutputShapes.Keys);
    }

    [Fact]
    public void A_later_tag_overrides_an_earlier_value()
    {
        Assert.Equal(2048, FaultSpec.Parse("[sim:size=1024] [sim:size=2048]").VideoSize);
    }

    [Theory]
    [InlineData("[sim:explode]", "Unknown simulator tag")]
    [InlineData("[sim:size=abc]", "size")]
    [InlineData("[sim:size=39]", "size")]
    [InlineData("[sim:size]", "size")]
    [InlineData("[sim:submit429=-1]", "submit429")]
    [InlineData("[sim:slow=0]", "slow")]
    [InlineData("[sim:fail=yes]", "takes no value")]
    [InlineData("[sim:finish=Not A Word]", "finish")]
    [InlineData("[sim:output=mp4]", "output")]
    [InlineData("[sim:cover]", "cover")]
    [InlineData("[sim:hold=-5]", "hold")]
    public void Bad_tags_are_rejected_with_a_reason(string prompt, string expectedInMessage)
    {
        var ex = Assert.Throws<FormatException>(() => FaultSpec.Parse(prompt));
        Assert.Contains(expectedInMessage, ex.Message, StringComparison.Ordinal);

        Assert.False(FaultSpec.TryParse(prompt, out var spec, out var error));
        Assert.Equal(FaultSpec.None, spec);
        Assert.Equal(ex.Message, error);
    }

    [Fact]
    public void TryParse_reports_success_without_an_error()
    {
        Assert.True(FaultSpec.TryParse("x [sim:videofail=1]", out var spec, out var error));
        Assert.Equal(1, spec.VideoFailureCount);
        Assert.Null(error);
    }
}
