using System.Net;
using System.Text.Json;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Consumer;

namespace VideoVault.IntegrationTests.Events;

/// <summary>
/// With a schedule of minutes, as in production: an event that keeps failing never holds back a later one,
/// and after an outage a recover call sends everything not delivered at once, each event once.
/// </summary>
public sealed class ReceiverRecoveryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["Events:RetrySchedule:0"] = "00:01:00";
        settings.Configuration["Events:RetrySchedule:1"] = "00:05:00";
        settings.Configuration["Events:RetrySchedule:2"] = "00:30:00";
        settings.Configuration["Events:RetrySchedule:3"] = "02:00:00";
    }

    [Fact]
    public async Task A_receiver_that_refuses_task_submitted_for_good_still_gets_task_archived_within_seconds()
    {
        var endpoint = $"picky-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint, "refuse=task.submitted"))));
        await Stack.WaitForTerminalAsync(id);

        var deliveries = await Stack.WaitForAcceptedAsync(endpoint, 2);
        var events = (await Stack.EventsAsync(id)).GetProperty("events").EnumerateArray().ToArray();

        var refused = Assert.Single(deliveries, d => d.Type == TaskEventTypes.Submitted);
        Assert.Equal((ConsumerAnswer.Refused, 400), (refused.Outcome, refused.Answer));
        Assert.Equal("pending", events[0].GetProperty("webhook").GetProperty("state").GetString());
        var archived = Assert.Single(deliveries, d => d.Type == TaskEventTypes.Archived);
        var waited = archived.ReceivedAt - events[2].GetProperty("timestamp").GetDateTimeOffset();
        Assert.True(waited < TimeSpan.FromSeconds(3), $"task.archived reached its receiver {waited} after the change, behind a task.submitted retried in a minute");
    }

    [Fact]
    public async Task After_an_outage_a_recover_call_sends_every_event_not_delivered_since_then_each_once()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var endpoint = $"outage-{Guid.NewGuid():N}";
        var url = Stack.ConsumerUrl(endpoint, "fail=6&status=503");
        var ids = new[] { Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), url))), Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), url))) };
        foreach (var id in ids)
        {
            await Stack.WaitForTerminalAsync(id);
        }

        // The outage: every event's first attempt failed, and its next is a minute away.
        await WaitForAsync(() => Stack.Consumer.For(endpoint).Count >= 6);
        Assert.All(Stack.Consumer.For(endpoint), d => Assert.Equal(ConsumerAnswer.Failure, d.Outcome));
        foreach (var id in ids)
        {
            await Stack.WaitForEventsAsync(id, 3, e => e.GetProperty("webhook").GetProperty("attempts").GetInt32() == 1 && e.GetProperty("webhook").TryGetProperty("next_attempt_at", out _));
        }

        using var response = await Stack.Api.PostAsync($"api/receivers/{ReceiverUrl.Key(url)}/recover?since={Uri.EscapeDataString(since.ToString("o"))}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((6, 0), (result.RootElement.GetProperty("queued").GetInt32(), result.RootElement.GetProperty("in_progress").GetInt32()));
        var deliveries = await Stack.WaitForAcceptedAsync(endpoint, 6, TimeSpan.FromSeconds(10));
        foreach (var id in ids)
        {
            await Stack.WaitForEventsAsync(id, 3, e => e.GetProperty("webhook").GetProperty("state").GetString() == "delivered", TimeSpan.FromSeconds(10));
        }

        // Each once: the recovered attempt, never beside its scheduled retry.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(6, Stack.Consumer.For(endpoint).Count(d => d.Accepted));
        Assert.Equal(6, ConsumerDeliveries.FirstAccepted(deliveries).Count);
        using var again = await Stack.Api.PostAsync($"api/receivers/{ReceiverUrl.Key(url)}/recover?since={Uri.EscapeDataString(since.ToString("o"))}", null);
        using var none = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, none.RootElement.GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task Recover_refuses_an_unknown_receiver_and_a_missing_or_future_time()
    {
        using var unknown = await Stack.Api.PostAsync($"api/receivers/{new string('0', 32)}/recover?since=2026-01-01T00:00:00Z", null);
        using var missing = await Stack.Api.PostAsync($"api/receivers/{new string('0', 32)}/recover", null);
        using var future = await Stack.Api.PostAsync($"api/receivers/{new string('0', 32)}/recover?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("o"))}", null);
        using var notKey = await Stack.Api.PostAsync("api/receivers/not-a-key/resume", null);

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound],
            [unknown.StatusCode, missing.StatusCode, future.StatusCode, notKey.StatusCode]);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
