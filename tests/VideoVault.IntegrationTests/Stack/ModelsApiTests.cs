using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary><c>GET /api/models</c> on the running dev host, with one entry disabled and one added through settings.</summary>
public sealed class ModelsApiTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["Models:Entries:0:Id"] = "luma";
        settings.Configuration["Models:Entries:0:Enabled"] = "false";
        settings.Configuration["Models:Entries:1:Id"] = "acme-square";
        settings.Configuration["Models:Entries:1:Family"] = "Acme, square only";
        settings.Configuration["Models:Entries:1:Model"] = "acme";
        settings.Configuration["Models:Entries:1:TaskType"] = "square-video";
        settings.Configuration["Models:Entries:1:Fields:0:Name"] = "prompt";
        settings.Configuration["Models:Entries:1:Fields:0:Kind"] = "String";
        settings.Configuration["Models:Entries:1:Fields:0:Required"] = "true";
        settings.Configuration["Models:Entries:1:Fields:1:Name"] = "aspect_ratio";
        settings.Configuration["Models:Entries:1:Fields:1:Kind"] = "String";
        settings.Configuration["Models:Entries:1:Fields:1:Allowed:0"] = "1:1";
        settings.Configuration["Models:Entries:1:Price:Unit"] = "PerCall";
        settings.Configuration["Models:Entries:1:Price:Usd"] = "0.3";
    }

    [Fact]
    public async Task It_lists_the_enabled_entries_the_settings_change_and_a_request_built_from_it_is_archived()
    {
        using var response = await Stack.Api.GetAsync("api/models");
        var models = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("models").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var ids = models.Select(model => model.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain("luma", ids);
        Assert.DoesNotContain("wan-2.6-txt2video", ids);
        Assert.Contains("veo3.1-video", ids);
        var added = Assert.Single(models, model => model.GetProperty("id").GetString() == "acme-square");
        Assert.Equal("""{"unit":"per_call","usd":0.3,"rules":[]}""", added.GetProperty("price").GetRawText());
        Assert.Equal("""["1:1"]""", added.GetProperty("inputs")[1].GetProperty("allowed").GetRawText());

        // A caller fills in each input from what the list says it takes: required fields, the first allowed value of a choice.
        var sora = Assert.Single(models, model => model.GetProperty("id").GetString() == "sora2-video");
        var input = new JsonObject { ["prompt"] = Prompt() };
        foreach (var field in sora.GetProperty("inputs").EnumerateArray().Where(field => field.TryGetProperty("allowed", out _)))
        {
            input[field.GetProperty("name").GetString()!] = JsonNode.Parse(field.GetProperty("allowed")[0].GetRawText());
        }

        using var submitted = await Stack.Api.PostAsJsonAsync("api/tasks", new JsonObject
        {
            ["model"] = sora.GetProperty("model").GetString(),
            ["task_type"] = sora.GetProperty("task_type").GetString(),
            ["input"] = input,
        });
        var task = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, task.ToString());
        Assert.Equal("sora2-video", task.GetProperty("catalog_entry").GetString());
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(Id(task))));
    }
}
