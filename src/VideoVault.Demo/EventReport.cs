using System.Text.Json;

namespace VideoVault.Demo;

/// <summary>Prints a task's events as VideoVault lists them and as the receiver got them.</summary>
internal static class EventReport
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <returns>True when every event was delivered and the receiver verified each signature.</returns>
    public static async Task<bool> PrintAsync(HttpClient api, string taskId, Uri receiver)
    {
        var events = await SettledEventsAsync(api, taskId);
        Console.WriteLine($"events:       {events.Count} sent to {receiver.GetLeftPart(UriPartial.Path)}");
        foreach (var e in events)
        {
            var webhook = e.GetProperty("webhook");
            Console.WriteLine($"  #{e.GetProperty("sequence").GetInt32()} {e.GetProperty("type").GetString(),-16} {webhook.GetProperty("state").GetString()} after {webhook.GetProperty("attempts").GetInt32()} attempt(s), on the queue: {(e.TryGetProperty("published_at", out _) ? "yes" : "no")}");
        }

        // The simulator's receiver lists what it got; another receiver may not, which is fine.
        using var received = await api.GetAsync(receiver);
        if (!received.IsSuccessStatusCode)
        {
            return events.TrueForAll(e => e.GetProperty("webhook").GetProperty("state").GetString() == "delivered");
        }

        var deliveries = JsonDocument.Parse(await received.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Console.WriteLine($"receiver got: {deliveries.Count} deliveries");
        foreach (var d in deliveries)
        {
            var signature = Text(d, "signature_error") is { } error ? $"signature REFUSED ({error})" : "signature verified";
            Console.WriteLine($"  {Text(d, "webhook_id")} {Text(d, "type"),-16} task status {Text(d, "task_status"),-11} {signature}, answered {d.GetProperty("answer").GetInt32()}");
        }

        return events.Count > 0
            && events.TrueForAll(e => e.GetProperty("webhook").GetProperty("state").GetString() == "delivered")
            && deliveries.TrueForAll(d => Text(d, "signature_error") is null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<List<JsonElement>> SettledEventsAsync(HttpClient api, string taskId)
    {
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        while (true)
        {
            var events = JsonDocument.Parse(await api.GetStringAsync($"api/tasks/{taskId}/events")).RootElement.GetProperty("events").EnumerateArray().ToList();
            if (events.TrueForAll(e => e.GetProperty("webhook").GetProperty("state").GetString() != "pending") || DateTimeOffset.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(500);
        }
    }
}
