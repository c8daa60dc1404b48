using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Events;
using VideoVault.PiApiSimulator.Consumer;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>The stack's events: the rows beside the tasks, the simulator's receiver, subscriptions and the events API.</summary>
public sealed partial class TestStack
{
    /// <summary>The CloudEvents queue of this stack (its own name, like the work queue).</summary>
    public QueueClient EventQueue { get; }

    /// <summary>What the simulator's webhook receiver got.</summary>
    public ConsumerLedger Consumer => _simulator.Services.GetRequiredService<ConsumerLedger>();

    /// <summary>Every event row of this stack's table.</summary>
    public async Task<List<TableEntity>> EventEntitiesAsync() =>
        await TaskTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"event-"} and RowKey lt {"event."}")).ToListAsync();

    /// <summary>The URL of an endpoint of the simulator's webhook receiver; <paramref name="faults"/> is its query (<c>fail=2&amp;status=503</c>).</summary>
    public Uri ConsumerUrl(string endpoint, string? faults = null) =>
        new(SimulatorUri, $"consumer/{endpoint}{(string.IsNullOrEmpty(faults) ? string.Empty : "?" + faults)}");

    /// <summary>A submit body with a webhook subscription.</summary>
    public static JsonObject SubmitBody(string prompt, Uri webhook, params string[] events)
    {
        var body = SubmitBody(prompt);
        body["webhook"] = events.Length == 0
            ? new JsonObject { ["url"] = webhook.AbsoluteUri }
            : new JsonObject { ["url"] = webhook.AbsoluteUri, ["events"] = new JsonArray([.. events.Select(e => JsonValue.Create(e))]) };
        return body;
    }

    /// <summary><c>GET /api/tasks/{id}/events</c>.</summary>
    public async Task<JsonElement> EventsAsync(string id)
    {
        using var response = await Api.GetAsync($"api/tasks/{id}/events");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET events answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the task's events until <paramref name="done"/> holds for all of them (and there are <paramref name="count"/>), then returns them.</summary>
    public async Task<JsonElement[]> WaitForEventsAsync(string id, int count, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var events = (await EventsAsync(id)).GetProperty("events").EnumerateArray().ToArray();
            if (events.Length == count && events.All(done))
            {
                return events;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {id}'s events are not done: {string.Join(", ", events.Select(e => $"{e.GetProperty("type")} {e.GetProperty("webhook").GetProperty("state")}"))}\n{string.Join('\n', Logs.Lines.TakeLast(30))}");
            await Task.Delay(100);
        }
    }

    /// <summary>True once an event's webhook state is final and it is on the queue.</summary>
    public static bool Settled(JsonElement evt) =>
        evt.GetProperty("webhook").GetProperty("state").GetString() != WebhookStateNames.ToName(WebhookDeliveryState.Pending) && evt.TryGetProperty("published_at", out _);
}
