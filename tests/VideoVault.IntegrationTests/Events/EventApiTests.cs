using System.Net;
using System.Text.Json;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Events;

/// <summary><c>GET /api/tasks/{id}/events</c> and <c>POST /api/tasks/{id}/events/{eventId}/redeliver</c>.</summary>
public sealed class EventApiTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task Redeliver_sends_the_event_again_under_the_same_id_and_records_the_attempt()
    {
        var endpoint = $"again-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);
        var archived = (await Stack.WaitForEventsAsync(id, 3, TestStack.Settled))[2].GetProperty("id").GetString()!;

        using var response = await Stack.Api.PostAsync($"api/tasks/{id}/events/{archived}/redeliver", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var webhook = view.GetProperty("webhook");
        Assert.Equal(("delivered", 1), (webhook.GetProperty("state").GetString(), webhook.GetProperty("attempts").GetInt32()));
        Assert.Equal([false, true], webhook.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("redelivery").GetBoolean()));
        var received = Stack.Consumer.For(endpoint);
        Assert.Equal([archived, archived], received.Select(d => d.WebhookId));
        Assert.All(received, d => Assert.Null(d.SignatureError));
    }

    [Fact]
    public async Task Redeliver_reaches_a_receiver_that_answered_410_once_it_is_back()
    {
        var endpoint = $"back-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint, "fail=1&status=410"), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);
        var archived = (await Stack.WaitForEventsAsync(id, 3, TestStack.Settled))[2];
        Assert.Equal("gone", archived.GetProperty("webhook").GetProperty("state").GetString());

        using var response = await Stack.Api.PostAsync($"api/tasks/{id}/events/{archived.GetProperty("id").GetString()}/redeliver", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("webhook").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Redeliver_answers_409_for_an_event_the_task_did_not_subscribe_to_and_404_for_unknown_ones()
    {
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl($"only-archived-{Guid.NewGuid():N}"), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);
        await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        Assert.Equal(HttpStatusCode.Conflict, await PostAsync($"api/tasks/{id}/events/{TaskEventRecord.EventId(id, 1)}/redeliver"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"api/tasks/{id}/events/{TaskEventRecord.EventId(id, 9)}/redeliver"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"api/tasks/{id}/events/evt_{new string('0', 32)}_000001/redeliver"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"api/tasks/{id}/events/not-an-event/redeliver"));
    }

    [Fact]
    public async Task The_events_of_unknown_tasks_and_non_ids_are_404()
    {
        using var unknown = await Stack.Api.GetAsync($"api/tasks/{new string('a', 32)}/events");
        using var notAnId = await Stack.Api.GetAsync("api/tasks/not-a-task-id/events");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Fact]
    public async Task The_list_shows_each_events_data_as_it_was_at_the_event()
    {
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl($"list-{Guid.NewGuid():N}"))));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        // A task can skip a state (the processing webhook before the submit answer), so only the last is certain.
        Assert.Equal("archived", events[2].GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(events.Select(e => e.GetProperty("status").GetString()), events.Select(e => e.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("data").GetProperty("id").GetString()));
        Assert.False(events[2].GetProperty("data").GetProperty("video").TryGetProperty("url", out _));
        var times = events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    private async Task<HttpStatusCode> PostAsync(string path)
    {
        using var response = await Stack.Api.PostAsync(path, null);
        return response.StatusCode;
    }
}
