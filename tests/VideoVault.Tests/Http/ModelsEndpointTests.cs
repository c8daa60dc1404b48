using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Catalog;
using VideoVault.Http;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Http;

/// <summary><c>GET /api/models</c>: the catalog's enabled entries, each as the catalog has it.</summary>
public sealed class ModelsEndpointTests
{
    private static async Task<(HttpResponse Response, JsonElement Body)> ListAsync(ModelCatalog catalog)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await new ModelsEndpoint(catalog).List().ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response, JsonDocument.Parse(context.Response.Body).RootElement.Clone());
    }

    private static JsonElement Entry(JsonElement body, string id) =>
        Assert.Single(body.GetProperty("models").EnumerateArray(), model => model.GetProperty("id").GetString() == id);

    private static JsonElement Input(JsonElement entry, string name) =>
        Assert.Single(entry.GetProperty("inputs").EnumerateArray(), input => input.GetProperty("name").GetString() == name);

    [Fact]
    public async Task It_lists_exactly_the_enabled_entries_in_catalog_order_and_the_chat_models()
    {
        var (response, body) = await ListAsync(TestCatalog.Default);

        Assert.Equal((200, "application/json"), (response.StatusCode, response.ContentType));
        Assert.Equal(
            TestCatalog.Default.Enabled.Select(entry => entry.Id),
            body.GetProperty("models").EnumerateArray().Select(model => model.GetProperty("id").GetString()));
        Assert.Contains(TestCatalog.Default.Entries, entry => !entry.Enabled);
        Assert.DoesNotContain(body.GetProperty("models").EnumerateArray(), model => model.GetProperty("id").GetString()!.StartsWith("wan-", StringComparison.Ordinal));
        Assert.Equal(["sora-2-preview", "sora-2-hd-preview"], body.GetProperty("chat_models").EnumerateArray().Select(model => model.GetString()));
    }

    [Fact]
    public async Task An_entry_added_through_settings_is_listed_and_one_disabled_there_is_not()
    {
        var settings = new ModelCatalogOptions
        {
            Entries =
            [
                new ModelEntrySetting { Id = "luma", Enabled = false },
                new ModelEntrySetting
                {
                    Id = "acme-clip",
                    Model = "acme",
                    TaskType = "clip",
                    Fields =
                    [
                        new InputFieldSetting { Name = "prompt", Kind = "String", Required = true, MaxLength = 500 },
                        new InputFieldSetting { Name = "seconds", Kind = "Integer", Min = 2, Max = 9, Default = "4" },
                    ],
                    Price = new PriceSetting { Unit = "PerCall", Usd = 0.5m },
                    VideoPath = "result.url",
                },
            ],
        };

        var (_, body) = await ListAsync(TestCatalog.With(settings));

        Assert.DoesNotContain(body.GetProperty("models").EnumerateArray(), model => model.GetProperty("id").GetString() == "luma");
        var added = Entry(body, "acme-clip");
        Assert.Equal(("acme", "clip", "result.url"), (added.GetProperty("model").GetString(), added.GetProperty("task_type").GetString(), added.GetProperty("video_path").GetString()));
        Assert.False(added.GetProperty("verified").GetBoolean());
        Assert.Contains("settings", Assert.Single(added.GetProperty("unverified").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"unit":"per_call","usd":0.5,"rules":[]}""", added.GetProperty("price").GetRawText());
        Assert.Equal("""{"name":"prompt","type":"string","required":true,"pinned":false,"max_length":500}""", Input(added, "prompt").GetRawText());
        Assert.Equal("""{"name":"seconds","type":"integer","required":false,"pinned":false,"min":2,"max":9,"default":4}""", Input(added, "seconds").GetRawText());
    }

    [Fact]
    public async Task Allowed_values_and_defaults_have_the_fields_JSON_type()
    {
        var (_, body) = await ListAsync(TestCatalog.Default);

        // Sora's duration is an integer, Veo's a string such as "8s": a caller copies them into a request as they are.
        Assert.Equal("[4,8,12]", Input(Entry(body, "sora2-video"), "duration").GetProperty("allowed").GetRawText());
        Assert.Equal("4", Input(Entry(body, "sora2-video"), "duration").GetProperty("default").GetRawText());
        Assert.Equal("""["4s","6s","8s"]""", Input(Entry(body, "veo3.1-video"), "duration").GetProperty("allowed").GetRawText());
        Assert.Equal("\"8s\"", Input(Entry(body, "veo3.1-video"), "duration").GetProperty("default").GetRawText());
        Assert.Equal("true", Input(Entry(body, "veo3.1-video"), "generate_audio").GetProperty("default").GetRawText());
        Assert.Equal("""{"name":"image_url","type":"url","required":true,"pinned":false,"max_length":2048}""", Input(Entry(body, "hailuo-i2v-01"), "image_url").GetRawText());
        Assert.Equal(12, Input(Entry(body, "seedance-2"), "image_urls").GetProperty("max_items").GetInt32());

        var pinned = Input(Entry(body, "kling-legacy"), "version");
        Assert.True(pinned.GetProperty("pinned").GetBoolean());
        Assert.True(pinned.GetProperty("required").GetBoolean());
        Assert.Equal("""["1.0","1.5","1.6"]""", pinned.GetProperty("allowed").GetRawText());
    }

    [Fact]
    public async Task Prices_are_the_catalogs_with_their_rules_and_null_when_unknown()
    {
        var (_, body) = await ListAsync(TestCatalog.Default);

        var kling = Entry(body, "kling-3.0");
        Assert.Equal(
            """{"unit":"per_second","usd":0.10,"duration_field":"duration","rules":[{"when":{"mode":"std","enable_audio":"true"},"usd":0.15},{"when":{"mode":"pro","enable_audio":"false"},"usd":0.15},{"when":{"mode":"pro","enable_audio":"true"},"usd":0.20}]}""",
            kling.GetProperty("price").GetRawText());
        Assert.True(kling.GetProperty("can_cancel").GetBoolean());
        Assert.Equal("""{"unit":"per_call","usd":0.20,"rules":[]}""", Entry(body, "hailuo-t2v-01").GetProperty("price").GetRawText());

        // Unknown, and written as null rather than left out, so a caller can tell "unknown" from "free" or "forgot".
        var luma = Entry(body, "luma");
        Assert.Equal(JsonValueKind.Null, luma.GetProperty("price").ValueKind);
        Assert.Equal("thumbnail.url", luma.GetProperty("poster_path").GetString());
    }

    [Fact]
    public async Task Every_listed_entry_says_whether_it_is_verified_and_what_is_not()
    {
        var (_, body) = await ListAsync(TestCatalog.Default);

        foreach (var entry in TestCatalog.Default.Enabled)
        {
            var listed = Entry(body, entry.Id);
            Assert.Equal(entry.Unverified, listed.GetProperty("unverified").EnumerateArray().Select(fact => fact.GetString()));
            Assert.Equal(entry.Unverified.Count == 0, listed.GetProperty("verified").GetBoolean());
            Assert.Equal(entry.Fields.Select(field => field.Name), listed.GetProperty("inputs").EnumerateArray().Select(input => input.GetProperty("name").GetString()));
        }
    }
}
