using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Http;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary>The event endpoints' answers: a task's events with the subscription's query masked, redelivery's outcomes, the receivers and recover's checks.</summary>
public sealed class EventEndpointsTests
{
    private readonly EventHarness _harness = new(HttpStatusCode.NoContent);

    private TaskEventEndpoints Events => new(_harness.Store, _harness.Redelivery, NullLogger<TaskEventEndpoints>.Instance);

    private ReceiverEndpoints Receivers => new(_harness.Receivers, _harness.Recovery, _harness.Clock, NullLogger<ReceiverEndpoints>.Instance);

    private static async Task<(int Status, JsonElement Body)> RunAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return (context.Response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static HttpRequest Query(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;

    [Fact]
    public async Task A_tasks_events_show_its_receiver_without_the_query_and_each_events_delivery()
    {
        var task = _harness.Seed(subscribed: true, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Paused, DueAt = null });

        var (status, body) = await RunAsync(await Events.ListAsync(task.Id, CancellationToken.None));

        Assert.Equal(200, status);
        Assert.Equal("https://hooks.example:443/in?…", body.GetProperty("webhook").GetProperty("url").GetString());
        Assert.Equal(ReceiverUrl.Key(EventHarness.ReceiverUrl), body.GetProperty("webhook").GetProperty("receiver").GetString());
        Assert.DoesNotContain("secret", body.ToString(), StringComparison.Ordinal);
        Assert.Equal("paused", body.GetProperty("events")[0].GetProperty("webhook").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Redeliver_answers_with_the_event_or_says_why_not()
    {
        var task = _harness.Seed(subscribed: true, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, DueAt = null }, _harness.New(2, TaskEventTypes.Processing, _harness.Lease));

        var sent = await RunAsync(await Events.RedeliverAsync(task.Id, TaskEventRecord.EventId(task.Id, 1), CancellationToken.None));
        var busy = await RunAsync(await Events.RedeliverAsync(task.Id, TaskEventRecord.EventId(task.Id, 2), CancellationToken.None));
        var missing = await RunAsync(await Events.RedeliverAsync(task.Id, TaskEventRecord.EventId(task.Id, 7), CancellationToken.None));
        var foreign = await RunAsync(await Events.RedeliverAsync(task.Id, TaskEventRecord.EventId(new string('b', 32), 1), CancellationToken.None));

        Assert.Equal((200, "delivered"), (sent.Status, sent.Body.GetProperty("webhook").GetProperty("state").GetString()));
        Assert.Equal([409, 404, 404], [busy.Status, missing.Status, foreign.Status]);
    }

    [Fact]
    public async Task The_receivers_list_filters_by_state_and_refuses_an_unknown_one()
    {
        var now = _harness.Clock.GetUtcNow();
        await _harness.Receivers.TryWriteAsync(WebhookReceiver.New(new Uri("https://a.example/in")), CancellationToken.None);
        await _harness.Receivers.TryWriteAsync(WebhookReceiver.New(new Uri("https://b.example/in")) with { FailingSince = now.AddDays(-5), PausedAt = now, LastError = "HTTP 503" }, CancellationToken.None);

        var all = await RunAsync(await Receivers.ListAsync(Query(string.Empty), CancellationToken.None));
        var paused = await RunAsync(await Receivers.ListAsync(Query("?state=paused"), CancellationToken.None));
        var wrong = await RunAsync(await Receivers.ListAsync(Query("?state=asleep"), CancellationToken.None));

        Assert.Equal(["active", "paused"], all.Body.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("state").GetString()));
        var only = Assert.Single(paused.Body.GetProperty("receivers").EnumerateArray());
        Assert.Equal(("https://b.example:443/in", "HTTP 503"), (only.GetProperty("url").GetString(), only.GetProperty("last_error").GetString()));
        Assert.Equal(400, wrong.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?since=yesterday")]
    [InlineData("?since=2026-12-02T00:00:00Z")]
    public async Task Recover_needs_a_time_not_in_the_future(string query)
    {
        var (status, body) = await RunAsync(await Receivers.RecoverAsync(ReceiverUrl.Key(EventHarness.ReceiverUrl), Query(query), CancellationToken.None));

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("since", out _));
    }

    [Fact]
    public async Task Recover_and_resume_answer_404_for_an_unknown_receiver_or_a_malformed_key_and_a_count_for_a_known_one()
    {
        await _harness.Receivers.TryWriteAsync(WebhookReceiver.New(EventHarness.ReceiverUrl), CancellationToken.None);
        _harness.Seed(subscribed: true, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Failed, DueAt = null });
        var since = Query("?since=2026-11-30T00:00:00Z");

        var recovered = await RunAsync(await Receivers.RecoverAsync(ReceiverUrl.Key(EventHarness.ReceiverUrl), since, CancellationToken.None));
        var unknown = await RunAsync(await Receivers.RecoverAsync(new string('0', 32), since, CancellationToken.None));
        var malformed = await RunAsync(await Receivers.ResumeAsync("../receivers", CancellationToken.None));

        Assert.Equal((200, 1, 0), (recovered.Status, recovered.Body.GetProperty("queued").GetInt32(), recovered.Body.GetProperty("in_progress").GetInt32()));
        Assert.Equal([404, 404], [unknown.Status, malformed.Status]);
    }

    [Fact]
    public async Task A_task_without_a_subscription_lists_its_events_with_no_webhook_and_no_next_attempt_for_a_settled_one()
    {
        var task = _harness.Seed(subscribed: false, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.NotSubscribed, PublishedAt = _harness.Clock.GetUtcNow() });

        var (status, body) = await RunAsync(await Events.ListAsync(task.Id, CancellationToken.None));

        Assert.Equal(200, status);
        Assert.False(body.TryGetProperty("webhook", out _));
        var listed = Assert.Single(body.GetProperty("events").EnumerateArray());
        Assert.Equal((TaskEventRecord.EventId(task.Id, 1), "task.submitted", 1), (listed.GetProperty("id").GetString(), listed.GetProperty("type").GetString(), listed.GetProperty("sequence").GetInt32()));
        Assert.Equal("not_subscribed", listed.GetProperty("webhook").GetProperty("state").GetString());
        Assert.False(listed.GetProperty("webhook").TryGetProperty("next_attempt_at", out _));
        Assert.True(listed.TryGetProperty("published_at", out _));
    }

    [Theory]
    [InlineData("not-a-task")]
    [InlineData("dddddddddddddddddddddddddddddddd")]
    public async Task Listing_answers_404_for_a_malformed_id_or_a_task_that_does_not_exist(string id)
    {
        Assert.Equal(404, (await RunAsync(await Events.ListAsync(id, CancellationToken.None))).Status);
    }

    [Fact]
    public async Task Redeliver_answers_409_for_an_event_the_task_did_not_subscribe_to_and_404_for_a_task_that_does_not_exist()
    {
        var task = _harness.Seed(subscribed: false, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.NotSubscribed });
        var unknown = new string('e', 32);

        var unsubscribed = await RunAsync(await Events.RedeliverAsync(task.Id, TaskEventRecord.EventId(task.Id, 1), CancellationToken.None));
        var missing = await RunAsync(await Events.RedeliverAsync(unknown, TaskEventRecord.EventId(unknown, 1), CancellationToken.None));

        Assert.Equal((409, 404), (unsubscribed.Status, missing.Status));
        Assert.Empty(_harness.Receiver.Ids);
    }

    [Fact]
    public async Task A_storage_outage_answers_503_with_a_problem()
    {
        var store = new Mock<ITaskEventStore>();
        store.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "busy"));
        var endpoints = new TaskEventEndpoints(store.Object, _harness.Redelivery, NullLogger<TaskEventEndpoints>.Instance);

        var (status, body) = await RunAsync(await endpoints.ListAsync(new string('a', 32), CancellationToken.None));

        Assert.Equal(503, status);
        Assert.StartsWith("Storage is unavailable", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_ends_the_pause_and_answers_with_the_held_events_queued()
    {
        var now = _harness.Clock.GetUtcNow();
        await _harness.Receivers.TryWriteAsync(WebhookReceiver.New(EventHarness.ReceiverUrl) with { FailingSince = now.AddDays(-5), PausedAt = now, LastError = "HTTP 503" }, CancellationToken.None);
        _harness.Seed(subscribed: true, _harness.New(1, TaskEventTypes.Submitted) with { Webhook = WebhookDeliveryState.Paused, DueAt = null });
        var key = ReceiverUrl.Key(EventHarness.ReceiverUrl);

        var (status, body) = await RunAsync(await Receivers.ResumeAsync(key, CancellationToken.None));
        var listed = await RunAsync(await Receivers.ListAsync(Query(string.Empty), CancellationToken.None));

        Assert.Equal((200, key, 1, 0), (status, body.GetProperty("key").GetString(), body.GetProperty("queued").GetInt32(), body.GetProperty("in_progress").GetInt32()));
        Assert.Equal("active", Assert.Single(listed.Body.GetProperty("receivers").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_receiver_whose_deliveries_fail_is_listed_as_failing_until_it_is_paused()
    {
        var now = _harness.Clock.GetUtcNow();
        await _harness.Receivers.TryWriteAsync(WebhookReceiver.New(new Uri("https://c.example/in")) with { FailingSince = now.AddHours(-1), LastFailureAt = now, LastError = "HTTP 500" }, CancellationToken.None);

        var (status, body) = await RunAsync(await Receivers.ListAsync(Query("?state=failing"), CancellationToken.None));

        Assert.Equal(200, status);
        var failing = Assert.Single(body.GetProperty("receivers").EnumerateArray());
        Assert.Equal(("failing", now.AddHours(-1)), (failing.GetProperty("state").GetString(), failing.GetProperty("failing_since").GetDateTimeOffset()));
    }
}
