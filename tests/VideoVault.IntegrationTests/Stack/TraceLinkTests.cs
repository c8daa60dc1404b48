using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Workers;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// Work that starts outside a task's trace (the reconcile sweep, the event sweep, an operator's redelivery)
/// joins the trace the task stored, so its spans sit under the task's submit with its id and no secret.
/// </summary>
public sealed class TraceLinkTests(AzuriteFixture azurite) : TracedStackTest(azurite)
{
    /// <summary>Only the sweeps move the tasks on: no scheduled reconcile comes before the test's sweep.</summary>
    protected override void Configure(StackSettings settings)
    {
        base.Configure(settings);
        settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";
        settings.Configuration["VideoVault:SweepStaleAfter"] = "00:00:00";
        settings.Configuration["Events:SweepStaleAfter"] = "00:00:00";
    }

    [Fact]
    public async Task A_reconcile_the_sweep_queues_runs_in_the_tasks_trace()
    {
        var prompt = Prompt("[sim:nowebhook]");
        var id = Id(await Stack.SubmitAsync(prompt));
        await WaitForSpansAsync(id, spans => spans.Any(span => span.OperationName == "piapi CreateTask"));

        Assert.Equal(1, (await Stack.DevHostServices.GetRequiredService<ReconcileSweep>().SweepAsync(CancellationToken.None)).Queued);

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        // The copy runs inside the reconcile, whose span ends (and is exported) after the copy's.
        var spans = await WaitForSpansAsync(id, spans => spans.Any(span => span.OperationName == "video copy") && spans.Any(span => span.OperationName == "work reconcile"));
        var submit = AssertOneTrace(spans);
        var reconciles = spans.Where(span => span.OperationName == "work reconcile").OrderBy(span => span.StartTimeUtc).ToList();
        Assert.Equal(submit.SpanId, reconciles[0].ParentSpanId);
        Assert.Contains(spans, span => span.OperationName == "piapi GetTask" && reconciles.Any(reconcile => reconcile.SpanId == span.ParentSpanId));
        AssertNoAttributeHolds(spans, Secrets(id, prompt));
    }

    [Fact]
    public async Task A_delivery_the_event_sweep_queues_runs_in_the_tasks_trace()
    {
        var prompt = Prompt();
        var id = await ArchivedWithEventsAsync(prompt, "swept");

        // As a sender leaves an event when it dies after its POST: claimed, its lease run out, the answer never recorded.
        var entity = (await Stack.TaskTable.GetEntityAsync<TableEntity>(id, TaskEventEntityMapper.RowKey(1))).Value;
        entity["Webhook"] = "pending";
        entity["LeaseUntil"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        entity["DueAt"] = DateTimeOffset.UtcNow.AddMinutes(-1);
        entity.Remove("DeliveredAt");
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        Assert.Equal(1, (await Stack.DevHostServices.GetRequiredService<EventSweep>().SweepAsync(CancellationToken.None)).Queued);

        // The work item's span ends (and is exported) after the delivery inside it.
        var spans = await WaitForSpansAsync(id, spans => spans.Count(span => IsDeliveryOf(span, TaskEventTypes.Submitted)) == 2 && spans.Any(span => span.OperationName == "work deliver"));
        var submit = AssertOneTrace(spans);
        var deliver = Assert.Single(spans, span => span.OperationName == "work deliver");
        Assert.Equal(submit.SpanId, deliver.ParentSpanId);
        var again = spans.Where(span => IsDeliveryOf(span, TaskEventTypes.Submitted)).MaxBy(span => span.StartTimeUtc)!;
        Assert.True(again.StartTimeUtc > deliver.StartTimeUtc);
        Assert.Equal("delivered", again.GetTagItem(VideoVaultTelemetry.OutcomeTag));
        AssertNoAttributeHolds(spans, Secrets(id, prompt));
    }

    [Fact]
    public async Task An_operators_redelivery_runs_in_the_tasks_trace()
    {
        var prompt = Prompt();
        var id = await ArchivedWithEventsAsync(prompt, "again");
        var archived = TaskEventRecord.EventId(id, 3);

        using var response = await Stack.Api.PostAsync($"api/tasks/{id}/events/{archived}/redeliver", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = await WaitForSpansAsync(id, spans => spans.Any(span => span.OperationName == "event redelivery"));
        var submit = AssertOneTrace(spans);
        var redelivery = Assert.Single(spans, span => span.OperationName == "event redelivery");
        Assert.Equal((submit.SpanId, ActivityKind.Producer), (redelivery.ParentSpanId, redelivery.Kind));
        Assert.Equal<object?>([TaskEventTypes.Archived, "delivered"], [redelivery.GetTagItem(VideoVaultTelemetry.EventTypeTag), redelivery.GetTagItem(VideoVaultTelemetry.OutcomeTag)]);
        Assert.Contains(spans, span => span.Source.Name == "System.Net.Http" && span.ParentSpanId == redelivery.SpanId);
        AssertNoAttributeHolds(spans, Secrets(id, prompt));
    }

    /// <summary>A task archived through PiAPI's webhooks, its three events (submitted, processing, archived) delivered to the simulator's receiver.</summary>
    private async Task<string> ArchivedWithEventsAsync(string prompt, string endpoint)
    {
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(prompt, Stack.ConsumerUrl($"{endpoint}-{Guid.NewGuid():N}"))));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);
        return id;
    }

    private static bool IsDeliveryOf(Activity span, string type) =>
        span.OperationName == "event delivery" && Equals(span.GetTagItem(VideoVaultTelemetry.EventTypeTag), type);

    /// <summary>Every span of the app that carries the task's id is in the trace its submit began.</summary>
    private static Activity AssertOneTrace(List<Activity> spans)
    {
        var submit = Assert.Single(spans, span => span.OperationName == "task submit");
        Assert.All(spans.Where(span => span.Source.Name == VideoVaultTelemetry.Name), span => Assert.Equal(submit.TraceId, span.TraceId));
        return submit;
    }
}
