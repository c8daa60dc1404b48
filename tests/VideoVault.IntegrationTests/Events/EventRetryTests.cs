using System.Net;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Consumer;

namespace VideoVault.IntegrationTests.Events;

/// <summary>Receivers that fail, hang, drop the connection, refuse it or answer 410: each event retried on its own schedule, every attempt recorded.</summary>
public sealed class EventRetryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task Failed_attempts_are_retried_with_the_same_id_each_event_on_its_own()
    {
        var endpoint = $"flaky-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint, "fail=2&status=503"))));
        await Stack.WaitForTerminalAsync(id);

        var deliveries = await Stack.WaitForAcceptedAsync(endpoint, 3);
        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        // Two attempts failed, whichever events they were; each failed event was tried again under its own id and got through.
        Assert.Equal(2, deliveries.Count(d => d.Outcome == ConsumerAnswer.Failure));
        Assert.All(deliveries.Where(d => d.Outcome == ConsumerAnswer.Failure), failed => Assert.Contains(deliveries, d => d.Accepted && d.WebhookId == failed.WebhookId));
        Assert.Equal([1, 2, 3], ConsumerDeliveries.FirstAccepted(deliveries).Select(d => d.Sequence!.Value).Order());
        Assert.All(events, e => Assert.Equal("delivered", e.GetProperty("webhook").GetProperty("state").GetString()));
        var retried = events.Select(e => e.GetProperty("webhook")).Where(w => w.GetProperty("attempts").GetInt32() > 1).ToList();
        Assert.NotEmpty(retried);
        foreach (var webhook in retried)
        {
            var history = webhook.GetProperty("history").EnumerateArray().ToList();
            Assert.Equal(204, history[^1].GetProperty("status").GetInt32());
            Assert.All(history[..^1], h => Assert.StartsWith("HTTP 503", h.GetProperty("error").GetString()));
            Assert.All(history, h => Assert.True(h.GetProperty("duration_ms").GetInt32() >= 0));
        }
    }

    [Fact]
    public async Task A_receiver_that_never_answers_or_drops_the_connection_is_retried_and_a_slow_one_is_waited_for()
    {
        var endpoint = $"hang-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint, "timeout=1&reset=1&slow=800"), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var history = events[2].GetProperty("webhook").GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal("No answer within 3 s.", history[0].GetProperty("error").GetString());
        Assert.True(history[0].GetProperty("duration_ms").GetInt32() >= 2900, $"history: {string.Join(", ", history)}");
        Assert.False(history[1].TryGetProperty("status", out _));
        Assert.NotNull(history[1].GetProperty("error").GetString());
        Assert.Equal(204, history[2].GetProperty("status").GetInt32());
        // The receiver waits 800 ms on its own clock from when it has read the request; the attempt's own timer starts
        // as the request is written and ticks coarsely, so the two can differ by a few milliseconds either way (seen: 799).
        Assert.True(history[2].GetProperty("duration_ms").GetInt32() >= 780, $"history: {string.Join(", ", history)}");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_until_the_schedule_is_used_up()
    {
        var port = LoopbackPorts.Reserve(1)[0];
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:fail]"), new Uri($"http://127.0.0.1:{port}/hooks"), TaskEventTypes.Failed)));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var webhook = events[2].GetProperty("webhook");
        Assert.Equal(("failed", 5), (webhook.GetProperty("state").GetString(), webhook.GetProperty("attempts").GetInt32()));
        Assert.All(webhook.GetProperty("history").EnumerateArray(), h => Assert.Equal("Could not connect: connection refused.", h.GetProperty("error").GetString()));
        var times = webhook.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("at").GetDateTimeOffset()).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps.Zip([200, 400, 800, 1600]), pair => Assert.True(pair.First >= TimeSpan.FromMilliseconds(pair.Second), $"waited {pair.First} where the schedule says {pair.Second} ms"));
    }

    [Fact]
    public async Task A_receiver_that_restarts_refuses_connections_meanwhile_and_gets_every_event_once_back()
    {
        // Down for the first events (longer than a submit takes), then up for longer than the schedule's waits.
        await using var restarting = FlappingPort.Start(new IPEndPoint(IPAddress.Loopback, Stack.SimulatorUri.Port), up: TimeSpan.FromSeconds(4), down: TimeSpan.FromSeconds(2.5));
        var endpoint = $"restarts-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), new Uri($"http://127.0.0.1:{restarting.Port}/consumer/{endpoint}")))));
        }

        foreach (var id in ids)
        {
            await Stack.WaitForTerminalAsync(id);
            Assert.All(await Stack.WaitForEventsAsync(id, 3, TestStack.Settled), e => Assert.Equal("delivered", e.GetProperty("webhook").GetProperty("state").GetString()));
        }

        var refused = ids.SelectMany(id => Stack.EventsAsync(id).Result.GetProperty("events").EnumerateArray())
            .SelectMany(e => e.GetProperty("webhook").GetProperty("history").EnumerateArray())
            .Count(h => h.TryGetProperty("error", out var error) && error.GetString()!.Contains("refused", StringComparison.Ordinal));
        Assert.True(refused > 0, $"{restarting.Outages} outages, {refused} refused attempts");
        Assert.Equal(9, ConsumerDeliveries.FirstAccepted(Stack.Consumer.For(endpoint)).Count);
    }

    [Fact]
    public async Task A_410_stops_deliveries_to_the_url_and_the_later_events_are_skipped()
    {
        var endpoint = $"gone-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint, "gone=2"))));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        Assert.Equal(["delivered", "gone", "skipped"], events.Select(e => e.GetProperty("webhook").GetProperty("state").GetString()));
        Assert.Equal(1, events[1].GetProperty("webhook").GetProperty("attempts").GetInt32());
        Assert.Equal([1, 2], Stack.Consumer.For(endpoint).Select(d => d.Sequence));
    }
}
