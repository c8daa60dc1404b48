using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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
}
