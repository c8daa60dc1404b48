using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Catalog;
using VideoVault.Http;

namespace VideoVault.Tests.Catalog;

/// <summary>Operators disable and add entries through indexed settings, checked at start-up with messages naming the bad setting.</summary>
public sealed class CatalogSettingsTests
{
    [Fact]
    public void Without_settings_every_built_in_entry_but_wan_is_enabled()
    {
        var catalog = Resolve([]);

        Assert.Equal(["wan-2.6-txt2video", "wan-2.6-img2video"], catalog.Entries.Where(entry => !entry.Enabled).Select(entry => entry.Id));
        Assert.Equal(catalog.Entries.Count, catalog.Entries.Select(entry => entry.Id).Distinct().Count());
    }

    [Fact]
    public void A_disabled_entry_refuses_new_tasks_but_still_serves_the_tasks_made_with_it()
    {
        var catalog = Resolve(new() { ["Models:Entries:0:Id"] = "veo3.1-video", ["Models:Entries:0:Enabled"] = "false" });

        var (request, errors) = Parse(catalog, """{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x"}}""");

        Assert.Null(request);
        Assert.Equal(["veo3.1-video (Veo 3.1) is disabled on this deployment."], errors["task_type"]);
        Assert.Equal("video", catalog.Find("veo3.1-video")!.VideoPath);
        Assert.DoesNotContain(catalog.Enabled, entry => entry.Id == "veo3.1-video");
    }

    [Fact]
    public void A_disabled_entry_is_enabled_again_and_its_price_changed()
    {
        var catalog = Resolve(new()
        {
            ["Models:Entries:0:Id"] = "wan-2.6-txt2video",
            ["Models:Entries:0:Enabled"] = "true",
            ["Models:Entries:0:Price:Unit"] = "PerSecond",
            ["Models:Entries:0:Price:Usd"] = "0.1",
        });

        var (request, errors) = Parse(catalog, """{"model":"Wan","task_type":"wan26-txt2video","input":{"prompt":"x","duration":10}}""");

        Assert.Empty(errors);
        Assert.Equal("wan-2.6-txt2video", request!.CatalogEntryId);
        Assert.Equal(1.0m, PriceEstimator.Estimate(catalog.Find("wan-2.6-txt2video")!, System.Text.Json.JsonElement.Parse(request.InputJson!)));
    }

    [Fact]
    public void A_new_entry_is_added_with_its_fields_price_and_paths()
    {
        var catalog = Resolve(new()
        {
            ["Models:Entries:0:Id"] = "kling-turbo",
            ["Models:Entries:0:Family"] = "Kling 2.5 Turbo",
            ["Models:Entries:0:Model"] = "kling-turbo",
            ["Models:Entries:0:TaskType"] = "video_generation",
            ["Models:Entries:0:Fields:0:Name"] = "prompt",
            ["Models:Entries:0:Fields:0:Kind"] = "String",
            ["Models:Entries:0:Fields:0:Required"] = "true",
            ["Models:Entries:0:Fields:1:Name"] = "duration",
            ["Models:Entries:0:Fields:1:Kind"] = "Integer",
            ["Models:Entries:0:Fields:1:Allowed:0"] = "5",
            ["Models:Entries:0:Fields:1:Allowed:1"] = "10",
            ["Models:Entries:0:Fields:2:Name"] = "version",
            ["Models:Entries:0:Fields:2:Kind"] = "String",
            ["Models:Entries:0:Fields:2:Pinned"] = "true",
            ["Models:Entries:0:Fields:2:Allowed:0"] = "2.5-turbo",
            ["Models:Entries:0:Price:Unit"] = "PerSecond",
            ["Models:Entries:0:Price:Usd"] = "0.07",
            ["Models:Entries:0:Price:Rules:0:When:mode"] = "pro",
            ["Models:Entries:0:Price:Rules:0:Usd"] = "0.12",
            ["Models:Entries:0:VideoPath"] = "video",
        });

        var entry = catalog.Find("kling-turbo")!;
        var (request, errors) = Parse(catalog, """{"model":"kling-turbo","task_type":"video_generation","input":{"prompt":"x","duration":10,"version":"2.5-turbo"}}""");
        var (_, refused) = Parse(catalog, """{"model":"kling-turbo","task_type":"video_generation","input":{"prompt":"x","duration":7,"version":"2.5-turbo"}}""");

        Assert.Empty(errors);
        Assert.Equal("kling-turbo", request!.CatalogEntryId);
        Assert.True(entry.FromSettings);
        Assert.Equal(["Must be one of 5, 10."], refused["input.duration"]);
        Assert.Equal(0.12m, Assert.Single(entry.Price!.Rules).Usd);
        Assert.NotEmpty(entry.Unverified);
    }

    [Theory]
    [InlineData("Models:Entries:0:Id", "", "Models:Entries:0:Id is required")]
    [InlineData("Models:Entries:0:Id", "my-model", "Models:Entries:0: 'my-model' is not a built-in entry")]
    [InlineData("Models:Entries:0:Model", "veo4", "Models:Entries:0:Model cannot change the built-in entry 'sora2-video'")]
    [InlineData("Models:Entries:0:Price:Unit", "PerMinute", "Models:Entries:0:Price:Unit 'PerMinute' must be PerSecond or PerCall.")]
    [InlineData("Models:Entries:0:Price:Usd", "-1", "Models:Entries:0:Price:Usd is required and must not be negative.")]
    public void A_bad_setting_stops_start_up_naming_it(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Models:Entries:0:Id"] = "sora2-video", ["Models:Entries:0:Price:Unit"] = "PerSecond", ["Models:Entries:0:Price:Usd"] = "0.08", [key] = value };

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_entry_with_a_bad_field_kind_or_path_stops_start_up()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Models:Entries:0:Id"] = "x",
            ["Models:Entries:0:Model"] = "x",
            ["Models:Entries:0:TaskType"] = "y",
            ["Models:Entries:0:Fields:0:Name"] = "prompt",
            ["Models:Entries:0:Fields:0:Kind"] = "Text",
            ["Models:Entries:0:VideoPath"] = "works[0].video",
        }));

        Assert.Contains("Models:Entries:0:Fields:0:Kind 'Text' must be one of String, Integer, Number, Boolean, Url, UrlList, Object, ObjectList.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Models:Entries:0:VideoPath 'works[0].video' is not an output path", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("3.0")]
    public void A_new_entry_that_cannot_be_told_from_another_of_its_model_and_task_type_stops_start_up(string? pinnedVersion)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Entries:0:Id"] = "kling-copy",
            ["Models:Entries:0:Model"] = "kling",
            ["Models:Entries:0:TaskType"] = "video_generation",
            ["Models:Entries:0:Fields:0:Name"] = pinnedVersion is null ? "prompt" : "version",
            ["Models:Entries:0:Fields:0:Kind"] = "String",
        };
        if (pinnedVersion is not null)
        {
            settings["Models:Entries:0:Fields:0:Pinned"] = "true";
            settings["Models:Entries:0:Fields:0:Allowed:0"] = pinnedVersion;
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("kling-3.0, kling-legacy, kling-copy share model 'kling' and task type 'video_generation'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sora_settings_still_set_the_sora_entries_allowed_values()
    {
        var catalog = Resolve(new() { ["VideoVault:Durations:0"] = "20" });

        Assert.Equal(["20"], catalog.Find("sora2-video")!.Field("duration")!.Allowed);
        Assert.Equal(["20"], catalog.Find("sora2-pro-video")!.Field("duration")!.Allowed);
    }

    private static (VideoVault.Tasks.VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(ModelCatalog catalog, string json) =>
        SubmitRequestParser.Parse(Encoding.UTF8.GetBytes(json), catalog);

    private static ModelCatalog Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<VideoVaultOptions>().Bind(configuration.GetSection(VideoVaultOptions.SectionName)).PostConfigure(options => options.ApplyDefaults());
        using var provider = services.AddModelCatalog(configuration).BuildServiceProvider();

        // Reading the options runs their validation, as the host's start does.
        _ = provider.GetRequiredService<IOptions<ModelCatalogOptions>>().Value;
        return provider.GetRequiredService<ModelCatalog>();
    }
}
