using System.Text.Json.Nodes;
using System.Net.Http.Json;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Reliability;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// A model PiAPI stopped serving (its create answers a 5xx saying the model is not found) fails at once with PiAPI's
/// message and a warning naming it; a model the operator disabled still finishes the tasks already made with it.
/// </summary>
public sealed class ModelRemovalTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings) => settings.SimulatorRemovedModels.Add("veo3");

    [Fact]
    public async Task A_model_piapi_no_longer_serves_fails_at_once_with_its_message_and_a_warning()
    {
        var body = new JsonObject { ["model"] = "veo3", ["task_type"] = "veo3-video", ["input"] = new JsonObject { ["prompt"] = Prompt() } };

        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(body)), TimeSpan.FromSeconds(15));

        Assert.Equal("submit_failed", Status(task));
        Assert.Equal("PiAPI no longer serves veo3 / veo3-video (HTTP 500): failed to create task: model not found", task.GetProperty("error").GetString());
        Assert.Equal(1, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
        Assert.Empty(Stack.Ledger.Tasks);
        Assert.Single(Stack.Logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains("PiAPI no longer serves model veo3 / task type veo3-video (catalog entry veo3-video)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_models_go_on_as_usual()
    {
        var body = new JsonObject { ["model"] = "veo3.1", ["task_type"] = "veo3.1-video", ["input"] = new JsonObject { ["prompt"] = Prompt() } };

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(body)))));
    }

    [Fact]
    public async Task A_task_of_a_disabled_entry_already_stored_still_archives()
    {
        // Wan 2.6 ships disabled: a new submit is refused, but a task stored while it was enabled carries on.
        var prompt = Prompt();
        var request = new VideoRequest
        {
            Model = "Wan",
            TaskType = "wan26-txt2video",
            Prompt = prompt,
            InputJson = new JsonObject { ["prompt"] = prompt, ["duration"] = 5 }.ToJsonString(),
            CatalogEntryId = "wan-2.6-txt2video",
        };
        var task = StoredTasks.New(prompt) with { Request = request, RequestHash = RequestFingerprint.Of(request) };
        using var refused = await Stack.Api.PostAsJsonAsync("api/tasks", new JsonObject { ["model"] = "Wan", ["task_type"] = "wan26-txt2video", ["input"] = new JsonObject { ["prompt"] = prompt } });

        await StoredTasks.StoreAsync(Stack, task);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is disabled on this deployment", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(task.Id)));
        Assert.Single(Stack.Ledger.Tasks, entry => entry.Prompt == prompt);
    }
}
