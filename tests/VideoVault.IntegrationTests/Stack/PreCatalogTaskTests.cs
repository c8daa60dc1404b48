using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// Tasks stored before the model catalog kept a Sora 2 request in columns of its own (AspectRatio, Resolution,
/// Duration, ImageUrl) and no entry id: they still read with the same input, list, answer an Idempotency-Key
/// repeat, retry and deliver their events.
/// </summary>
public sealed class PreCatalogTaskTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_pre_catalog_row_reads_lists_and_finds_its_idempotent_repeat()
    {
        var body = TestStack.SubmitBody(Prompt());
        var id = Id(await Stack.SubmitAsync(body, "key-before-the-catalog"));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        var before = await Stack.GetTaskAsync(id);

        await RewriteAsPreCatalogRowAsync(id);

        var after = await Stack.GetTaskAsync(id);
        Assert.Equal(before.GetProperty("input").GetRawText(), after.GetProperty("input").GetRawText());
        Assert.Equal("sora2-pro-video", after.GetProperty("catalog_entry").GetString());
        using var list = JsonDocument.Parse(await Stack.Api.GetStringAsync("api/tasks"));
        Assert.Contains(list.RootElement.GetProperty("tasks").EnumerateArray(), task => Id(task) == id);
        var repeat = await Stack.SubmitAsync(body, "key-before-the-catalog");
        Assert.Equal(id, Id(repeat));
        Assert.Single(Stack.Ledger.Tasks);
    }

    [Fact]
    public async Task A_pre_catalog_row_that_failed_its_copy_is_retried_and_archived_with_its_events()
    {
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:videofail=3]")));
        Assert.Equal("archive_failed", Status(await Stack.WaitForTerminalAsync(id)));
        await RewriteAsPreCatalogRowAsync(id);

        using var retried = await Stack.Api.PostAsync($"api/tasks/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        using var events = JsonDocument.Parse(await Stack.Api.GetStringAsync($"api/tasks/{id}/events"));
        Assert.Equal(
            ["task.submitted", "task.processing", "task.failed", "task.archived"],
            events.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    /// <summary>The row as the version before the catalog wrote it: the input in its own columns, no Input or CatalogEntry.</summary>
    private async Task RewriteAsPreCatalogRowAsync(string id)
    {
        var entity = (await Stack.EntityAsync(id))!;
        using var input = JsonDocument.Parse(entity.GetString("Input"));
        var root = input.RootElement;
        entity.Remove("Input");
        entity.Remove("CatalogEntry");
        entity["AspectRatio"] = root.GetProperty("aspect_ratio").GetString();
        entity["Resolution"] = root.GetProperty("resolution").GetString();
        entity["Duration"] = root.GetProperty("duration").GetInt32();
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }
}
