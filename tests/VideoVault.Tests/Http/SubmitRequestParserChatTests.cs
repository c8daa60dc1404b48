using System.Text;
using VideoVault.Http;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Http;

public sealed class SubmitRequestParserChatTests
{
    [Theory]
    [InlineData(ModelNames.Sora2Preview)]
    [InlineData(ModelNames.Sora2HdPreview)]
    public void A_chat_completions_model_with_a_prompt_is_accepted_without_a_task_type(string model)
    {
        var (request, errors) = Parse($$$"""{"model":"{{{model}}}","input":{"prompt":" a dog on the beach "},"metadata":{"k":1}}""");

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(model, request.Model);
        Assert.Equal(string.Empty, request.TaskType);
        Assert.Equal("a dog on the beach", request.Prompt);
        Assert.Null(request.InputJson);
        Assert.Null(request.CatalogEntryId);
        Assert.Equal("""{"k":1}""", request.MetadataJson);
    }

    [Theory]
    [InlineData("aspect_ratio", "\"16:9\"")]
    [InlineData("resolution", "\"720p\"")]
    [InlineData("duration", "4")]
    [InlineData("image_url", "\"https://example.com/a.png\"")]
    public void Video_settings_are_refused_as_not_applying_to_chat_models(string field, string value)
    {
        var (request, errors) = Parse($$$"""{"model":"sora-2-preview","input":{"prompt":"x","{{{field}}}":{{{value}}}}}""");

        Assert.Null(request);
        var message = Assert.Single(Assert.Single(errors, e => e.Key == $"input.{field}").Value);
        Assert.Equal("Does not apply to sora-2-preview: chat-completions models (sora-2-preview, sora-2-hd-preview) take input.prompt only.", message);
    }

    [Fact]
    public void Every_refused_setting_is_reported_at_once_and_nulls_are_allowed()
    {
        var (_, errors) = Parse("""{"model":"sora-2-hd-preview","input":{"prompt":"x","aspect_ratio":"16:9","duration":8,"resolution":null}}""");

        Assert.Equal(["input.aspect_ratio", "input.duration"], errors.Keys.Order());
    }

    [Fact]
    public void A_task_type_is_refused_for_chat_models()
    {
        var (request, errors) = Parse("""{"model":"sora-2-preview","task_type":"sora2-video","input":{"prompt":"x"}}""");

        Assert.Null(request);
        Assert.Equal("Does not apply to sora-2-preview: chat-completions models have no task type; leave it out.", Assert.Single(errors["task_type"]));
    }

    [Fact]
    public void A_chat_model_still_needs_a_prompt()
    {
        var (request, errors) = Parse("""{"model":"sora-2-preview","input":{}}""");

        Assert.Null(request);
        Assert.Equal(["Required."], errors["input.prompt"]);
    }

    [Fact]
    public void An_unknown_model_lists_every_supported_one()
    {
        var (_, errors) = Parse("""{"model":"sora-3","task_type":"sora2-video","input":{"prompt":"x"}}""");

        Assert.Equal(
            "Unknown model 'sora-3'; supported: sora2, veo3.1, veo3, kling, seedance, hailuo, luma and the chat-completions models sora-2-preview, sora-2-hd-preview.",
            Assert.Single(errors["model"]));
    }

    [Fact]
    public void The_task_api_model_still_requires_a_task_type()
    {
        var (_, errors) = Parse("""{"model":"sora2","input":{"prompt":"x"}}""");

        Assert.Equal(["Required."], errors["task_type"]);
    }

    private static (VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(string json) =>
        SubmitRequestParser.Parse(Encoding.UTF8.GetBytes(json), TestCatalog.Default);
}
