using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Operations;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Events;

/// <summary>An event exists exactly when its status change does, and one whose delivery was never queued, or whose sender died, is still delivered.</summary>
public sealed class EventDurabilityTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>The sweep sees every due event at once; no reconcile moves the tasks on behind the test's back.</summary>
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["Events:SweepStaleAfter"] = "00:00:00";
        settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";
    }

    [Fact]
    public async Task A_change_that_loses_the_race_writes_no_event_and_one_that_wins_writes_both()
    {
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook,delay=60000]")));
        var store = Stack.DevHostServices.GetRequiredService<ITaskEventStore>();
        var tasks = Stack.DevHostServices.GetRequiredService<ITaskStore>();
        var before = (await store.ReadAsync(id, CancellationToken.None))!;
        Assert.Equal(VideoTaskStatus.Pending, before.Task.Status);

        // Someone else writes first: the stale ETag fails the whole transaction.
        await tasks.TryReplaceAsync(before.Task with { Progress = 1 }, before.Task.Status, [], CancellationToken.None);
        var stale = await tasks.TryReplaceAsync(before.Task with { Status = VideoTaskStatus.Processing }, before.Task.Status, [Event(id, 2)], CancellationToken.None);

        Assert.Null(stale);
        Assert.Null(await store.GetAsync(id, 2, CancellationToken.None));
        Assert.Equal(VideoTaskStatus.Pending, (await tasks.GetAsync(id, CancellationToken.None))!.Status);

        // An event row that is there already fails it too, and leaves the task as it was.
        var current = (await tasks.GetAsync(id, CancellationToken.None))!;
        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks.TryReplaceAsync(current with { Status = VideoTaskStatus.Processing }, current.Status, [Event(id, 1)], CancellationToken.None));
        Assert.Equal(VideoTaskStatus.Pending, (await tasks.GetAsync(id, CancellationToken.None))!.Status);

        var written = await tasks.TryReplaceAsync(current with { Status = VideoTaskStatus.Processing }, current.Status, [Event(id, 2)], CancellationToken.None);
        Assert.NotNull(written);
        Assert.Equal((VideoTaskStatus.Processing, 2), ((await store.ReadAsync(id, CancellationToken.None))!.Task.Status, (await store.ReadAsync(id, CancellationToken.None))!.Events.Count));
    }

    [Fact]
    public async Task Events_whose_delivery_was_never_queued_are_delivered_by_the_sweep()
    {
        var endpoint = $"lost-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:nowebhook,delay=60000]"), Stack.ConsumerUrl(endpoint))));
        await Stack.WaitForAcceptedAsync(endpoint, 1);

        // The process "dies" right after its write: the change and its events are stored, nothing is delivered or queued.
        var services = Stack.DevHostServices;
        var journal = new TaskEventJournal(
            services.GetRequiredService<ITaskStore>(),
            services.GetRequiredService<TaskViewFactory>(),
            new EventDispatcher(),
            new DroppingWorkQueue(),
            services.GetRequiredService<IOptionsMonitor<EventOptions>>(),
            NullLogger<TaskEventJournal>.Instance);
        var updater = new TaskUpdater(services.GetRequiredService<ITaskStore>(), TimeProvider.System, journal);
        await updater.UpdateAsync(id, current => current with { Status = VideoTaskStatus.Failed, Error = "failed while nobody delivered" }, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(Stack.Consumer.For(endpoint));
        Assert.Equal("pending", (await Stack.EventsAsync(id)).GetProperty("events")[1].GetProperty("webhook").GetProperty("state").GetString());
        await ExpireLeaseAsync(id, 2);

        var swept = await services.GetRequiredService<EventSweep>().SweepAsync(CancellationToken.None);

        Assert.Equal(1, swept.Queued);
        var deliveries = await Stack.WaitForAcceptedAsync(endpoint, 2);
        Assert.Equal([TaskEventTypes.Submitted, TaskEventTypes.Failed], ConsumerDeliveries.FirstAccepted(deliveries).OrderBy(d => d.Sequence).Select(d => d.Type));
        await Stack.WaitForEventsAsync(id, 2, TestStack.Settled);
    }

    [Fact]
    public async Task An_event_whose_sender_died_before_recording_its_attempt_is_sent_again_after_its_lease()
    {
        var endpoint = $"died-{Guid.NewGuid():N}";
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:nowebhook,delay=60000]"), Stack.ConsumerUrl(endpoint))));
        await Stack.WaitForEventsAsync(id, 1, TestStack.Settled);

        // As a sender leaves it when it dies after its POST: the event claimed, the lease run out, the answer never recorded.
        var entity = (await Stack.TaskTable.GetEntityAsync<TableEntity>(id, "event-000001")).Value;
        entity["Webhook"] = "pending";
        entity["LeaseUntil"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        entity["DueAt"] = DateTimeOffset.UtcNow.AddMinutes(-1);
        entity.Remove("DeliveredAt");
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        Assert.Equal(1, (await Stack.DevHostServices.GetRequiredService<EventSweep>().SweepAsync(CancellationToken.None)).Queued);

        var events = await Stack.WaitForEventsAsync(id, 1, TestStack.Settled);

        // At least once: the receiver gets the same id twice and can tell it is the same event.
        Assert.Equal(("delivered", 2), (events[0].GetProperty("webhook").GetProperty("state").GetString(), events[0].GetProperty("webhook").GetProperty("attempts").GetInt32()));
        Assert.Equal([TaskEventRecord.EventId(id, 1), TaskEventRecord.EventId(id, 1)], Stack.Consumer.For(endpoint).Select(d => d.WebhookId));
    }

    /// <summary>As time leaves the event once its dead writer's lease has run out.</summary>
    private async Task ExpireLeaseAsync(string taskId, int sequence)
    {
        var entity = (await Stack.TaskTable.GetEntityAsync<TableEntity>(taskId, TaskEventEntityMapper.RowKey(sequence))).Value;
        entity["LeaseUntil"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    private static TaskEventRecord Event(string taskId, int sequence) => new()
    {
        TaskId = taskId,
        Sequence = sequence,
        Type = TaskEventTypes.Processing,
        OccurredAt = DateTimeOffset.UtcNow,
        TaskStatus = VideoTaskStatus.Processing,
        Data = "{}",
        Webhook = WebhookDeliveryState.NotSubscribed,
    };

    /// <summary>The queue of a process that died right after writing: whatever it was about to queue is lost.</summary>
    private sealed class DroppingWorkQueue : IWorkQueue
    {
        public Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
