using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>DELETE of a task's video over real HTTP: the record, its event, repeats, refusals, and the reads after it.</summary>
public sealed class VideoLifecycleTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_delete_removes_the_video_and_poster_keeps_the_task_and_raises_task_deleted_after_task_archived()
    {
        var endpoint = $"deleted-{Guid.NewGuid():N}";
        // Luma's output names a cover, kept beside the video as its poster.
        var body = new JsonObject
        {
            ["model"] = "luma",
            ["task_type"] = "video_generation",
            ["input"] = new JsonObject { ["prompt"] = Prompt(), ["aspect_ratio"] = "16:9" },
            ["webhook"] = new JsonObject { ["url"] = Stack.ConsumerUrl(endpoint).AbsoluteUri },
        };
        var id = Id(await Stack.SubmitAsync(body));
        var archived = await Stack.WaitForTerminalAsync(id);
        Assert.Equal("archived", Status(archived));
        var stored = Video(archived);
        Assert.Equal(
            [stored.GetProperty("blob_name").GetString(), stored.GetProperty("poster_blob_name").GetString()],
            (await Stack.BlobsAsync()).Select(blob => blob.Name).Order(StringComparer.Ordinal));

        using var response = await Stack.Api.DeleteAsync($"api/tasks/{id}/video?reason=erasure%20request%2042");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var video = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("video");
        Assert.Equal("erasure request 42", video.GetProperty("deletion_reason").GetString());
        Assert.True(video.TryGetProperty("deleted_at", out _));
        Assert.Empty(await Stack.BlobsAsync());
        var events = await Stack.WaitForEventsAsync(id, 4, TestStack.Settled);
        Assert.Equal(
            [(1, TaskEventTypes.Submitted), (2, TaskEventTypes.Processing), (3, TaskEventTypes.Archived), (4, TaskEventTypes.Deleted)],
            events.Select(e => (e.GetProperty("sequence").GetInt32(), e.GetProperty("type").GetString())));
        var delivered = Assert.Single(Stack.Consumer.For(endpoint), d => d.Type == TaskEventTypes.Deleted);
        Assert.Equal(("archived", 4, null), (delivered.TaskStatus, delivered.Sequence, delivered.VideoUrl));
        Assert.Null(delivered.SignatureError);
    }

    [Fact]
    public async Task A_repeat_answers_the_same_record_and_raises_nothing_and_reads_never_offer_a_link()
    {
        var id = Id(await Stack.SubmitAsync(Prompt()));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        using var first = await Stack.Api.DeleteAsync($"api/tasks/{id}/video");
        var deletedAt = Video(JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement).GetProperty("deleted_at").GetString();

        using var again = await Stack.Api.DeleteAsync($"api/tasks/{id}/video?reason=twice");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = Video(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement);
        Assert.Equal((deletedAt, "requested"), (repeated.GetProperty("deleted_at").GetString(), repeated.GetProperty("deletion_reason").GetString()));
        Assert.Equal(4, (await Stack.EventsAsync(id)).GetProperty("events").GetArrayLength());

        var read = Video(await Stack.GetTaskAsync(id));
        var listed = (await Stack.Api.GetFromJsonAsync<JsonElement>("api/tasks")).GetProperty("tasks").EnumerateArray().Single(t => Id(t) == id);
        Assert.Equal((deletedAt, "requested"), (read.GetProperty("deleted_at").GetString(), read.GetProperty("deletion_reason").GetString()));
        Assert.False(read.TryGetProperty("url", out _));
        Assert.False(read.TryGetProperty("poster_url", out _));
        Assert.False(read.TryGetProperty("expires_at", out _));
        Assert.False(listed.TryGetProperty("video", out _));
    }

    [Fact]
    public async Task A_video_still_being_copied_or_never_archived_is_refused_and_bad_requests_are_answered()
    {
        // 200 KB at 20 KB/s: the copy runs for about ten seconds, past the webhook's inline budget.
        var copying = Id(await Stack.SubmitAsync(Prompt("[sim:size=200000,slow=20000]")));
        var failed = Id(await Stack.SubmitAsync(Prompt("[sim:fail]")));
        await WaitForStatusAsync(copying, "archiving");

        using var duringCopy = await Stack.Api.DeleteAsync($"api/tasks/{copying}/video");
        Assert.Equal(HttpStatusCode.Conflict, duringCopy.StatusCode);
        Assert.Contains("being copied", await duringCopy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("failed", Status(await Stack.WaitForTerminalAsync(failed)));
        using var notArchived = await Stack.Api.DeleteAsync($"api/tasks/{failed}/video");
        using var missing = await Stack.Api.DeleteAsync("api/tasks/0123456789abcdef0123456789abcdef/video");
        using var reserved = await Stack.Api.DeleteAsync($"api/tasks/{copying}/video?reason=retention");
        Assert.Equal(
            (HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest),
            (notArchived.StatusCode, missing.StatusCode, reserved.StatusCode));

        // The refused delete left the copy alone: it finishes, and the video can then be deleted.
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(copying, TimeSpan.FromSeconds(60))));
        using var afterCopy = await Stack.Api.DeleteAsync($"api/tasks/{copying}/video");
        Assert.Equal(HttpStatusCode.OK, afterCopy.StatusCode);
    }

    [Fact]
    public async Task Redelivering_the_archived_event_of_a_deleted_task_sends_no_link()
    {
        var endpoint = $"redeliver-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);
        var archived = (await Stack.WaitForEventsAsync(id, 3, TestStack.Settled))[2].GetProperty("id").GetString()!;
        Assert.NotNull(Assert.Single(Stack.Consumer.For(endpoint)).VideoUrl);
        using var deleted = await Stack.Api.DeleteAsync($"api/tasks/{id}/video");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        using var response = await Stack.Api.PostAsync($"api/tasks/{id}/events/{archived}/redeliver", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var redelivered = Stack.Consumer.For(endpoint)[^1];
        Assert.Equal((archived, TaskEventTypes.Archived, null), (redelivered.WebhookId, redelivered.Type, redelivered.VideoUrl));
    }

    private async Task WaitForStatusAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Status(await Stack.GetTaskAsync(id)) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Task {id} never reached {status}.");
            await Task.Delay(50);
        }
    }

    private static JsonElement Video(JsonElement task) => task.GetProperty("video");
}
