using System.Security.Cryptography;
using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Events;

/// <summary>A subscribed task's events reach the receiver signed, each with its sequence, with fresh links, and reach the CloudEvents queue too.</summary>
public sealed class EventDeliveryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task An_archived_task_delivers_submitted_processing_and_archived_each_with_its_sequence_and_a_valid_signature()
    {
        var endpoint = $"ok-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint))));
        await Stack.WaitForTerminalAsync(id);

        var deliveries = await Stack.WaitForAcceptedAsync(endpoint, 3);

        // Receivers order by sequence: no event is held back behind another.
        var accepted = ConsumerDeliveries.FirstAccepted(deliveries).OrderBy(d => d.Sequence).ToList();
        Assert.Equal([TaskEventTypes.Submitted, TaskEventTypes.Processing, TaskEventTypes.Archived], accepted.Select(d => d.Type));
        Assert.Equal([1, 2, 3], accepted.Select(d => d.Sequence));
        Assert.All(deliveries, d => Assert.Null(d.SignatureError));
        Assert.All(accepted, d => Assert.Equal(id, d.TaskId));
        Assert.Equal([TaskEventRecord.EventId(id, 1), TaskEventRecord.EventId(id, 2), TaskEventRecord.EventId(id, 3)], accepted.Select(d => d.WebhookId));
        Assert.Equal("archived", accepted[2].TaskStatus);

        // The archived event carries a working read link, made when it was sent.
        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(accepted[2].VideoUrl);
        Assert.Equal((await Stack.GetTaskAsync(id)).GetProperty("video").GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);
        Assert.All(events, e => Assert.Equal("delivered", e.GetProperty("webhook").GetProperty("state").GetString()));
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("webhook").GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task Every_event_goes_onto_the_queue_as_a_CloudEvent_subscribed_or_not()
    {
        var endpoint = $"archived-only-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint), TaskEventTypes.Archived)));
        await Stack.WaitForTerminalAsync(id);
        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var received = await Stack.WaitForAcceptedAsync(endpoint, 1);
        Assert.Equal([TaskEventTypes.Archived], received.Select(d => d.Type));
        Assert.Equal(["not_subscribed", "not_subscribed", "delivered"], events.Select(e => e.GetProperty("webhook").GetProperty("state").GetString()));

        var messages = (await Stack.EventQueue.ReceiveMessagesAsync(32)).Value;
        var formatter = new JsonEventFormatter();
        var cloudEvents = messages
            .Select(m => formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(m.MessageText), null, null))
            .Where(e => e.Subject == id)
            .OrderBy(e => (string?)e["sequence"], StringComparer.Ordinal)
            .ToList();
        Assert.Equal([TaskEventTypes.Submitted, TaskEventTypes.Processing, TaskEventTypes.Archived], cloudEvents.Select(e => e.Type));
        Assert.All(cloudEvents, e => Assert.Equal(CloudEventsSpecVersion.V1_0, e.SpecVersion));
        Assert.Equal(events.Select(e => e.GetProperty("id").GetString()), cloudEvents.Select(e => e.Id));
        Assert.All(cloudEvents, e => Assert.Equal(new Uri(Stack.Api.BaseAddress!, "api/tasks"), e.Source));
        Assert.All(cloudEvents, e => Assert.Equal("application/json", e.DataContentType));
        Assert.Equal("archived", ((System.Text.Json.JsonElement)cloudEvents[2].Data!).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_task_PiAPI_fails_delivers_task_failed_with_the_reason_after_what_it_reached()
    {
        var endpoint = $"fail-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:fail]"), Stack.ConsumerUrl(endpoint))));
        Assert.Equal("failed", Status(await Stack.WaitForTerminalAsync(id)));

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        Assert.Equal([TaskEventTypes.Submitted, TaskEventTypes.Processing, TaskEventTypes.Failed], events.Select(e => e.GetProperty("type").GetString()));
        var failed = ConsumerDeliveries.FirstAccepted(await Stack.WaitForAcceptedAsync(endpoint, 3)).Single(d => d.Type == TaskEventTypes.Failed);
        Assert.Equal((TaskEventTypes.Failed, "failed", 3), (failed.Type, failed.TaskStatus, failed.Sequence));
        Assert.False(string.IsNullOrEmpty(events[2].GetProperty("data").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_submit_PiAPI_refuses_delivers_only_task_failed()
    {
        var endpoint = $"refused-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:unauthorized]"), Stack.ConsumerUrl(endpoint))));
        Assert.Equal("submit_failed", Status(await Stack.WaitForTerminalAsync(id)));

        var events = await Stack.WaitForEventsAsync(id, 1, TestStack.Settled);

        Assert.Equal((TaskEventTypes.Failed, 1, "submit_failed"), (events[0].GetProperty("type").GetString(), events[0].GetProperty("sequence").GetInt32(), events[0].GetProperty("status").GetString()));
        Assert.Equal([TaskEventTypes.Failed], (await Stack.WaitForAcceptedAsync(endpoint, 1)).Select(d => d.Type));
    }

    [Fact]
    public async Task A_task_without_a_subscription_still_has_its_events_listed_and_queued()
    {
        var id = Id(await Stack.SubmitAsync(Prompt()));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);
        var list = await Stack.EventsAsync(id);

        Assert.False(list.TryGetProperty("webhook", out _));
        Assert.All(events, e => Assert.Equal("not_subscribed", e.GetProperty("webhook").GetProperty("state").GetString()));
        Assert.All(events, e => Assert.True(e.TryGetProperty("published_at", out _)));
    }
}
